// The SQLite implementations of the aggregate stores of store/store.h.
#pragma once

#include <unordered_map>

#include "store/sqlite/database.h"
#include "store/store.h"

namespace dateline::sqlite {

class SqliteSectionStore final : public SectionStore {
  public:
    explicit SqliteSectionStore(ConnectionPool& pool) : pool_(pool) {}
    std::vector<Section> list() override;
    std::optional<Section> by_slug(std::string_view slug) override;
    std::optional<Section> by_id(int64_t id) override;
    Result<int64_t> create(const Section& section) override;
    Status update(const Section& section) override;
    Status remove(int64_t id) override;
    Result<Paged<Section>> page(const ListQuery& query) override;

  private:
    ConnectionPool& pool_;
};

class SqliteAuthorStore final : public AuthorStore {
  public:
    explicit SqliteAuthorStore(ConnectionPool& pool) : pool_(pool) {}
    std::vector<Author> list() override;
    std::optional<Author> by_slug(std::string_view slug) override;
    Result<int64_t> create(const Author& author) override;
    std::optional<Author> by_id(int64_t id) override;
    Status update(const Author& author) override;
    Status remove(int64_t id) override;
    Result<Paged<Author>> page(const ListQuery& query) override;

  private:
    ConnectionPool& pool_;
};

class SqliteTagStore final : public TagStore {
  public:
    explicit SqliteTagStore(ConnectionPool& pool) : pool_(pool) {}
    std::optional<Tag> by_slug(std::string_view slug) override;
    std::vector<Tag> list() override;
    Result<int64_t> create(const Tag& tag) override;
    std::optional<Tag> by_id(int64_t id) override;
    Status update(const Tag& tag) override;
    Status remove(int64_t id) override;
    Result<Paged<Tag>> page(const ListQuery& query) override;
    std::vector<Tag> trending() override;
    Status set_trending(const std::vector<int64_t>& tag_ids) override;

  private:
    ConnectionPool& pool_;
};

class SqliteShowStore final : public ShowStore {
  public:
    explicit SqliteShowStore(ConnectionPool& pool) : pool_(pool) {}
    std::vector<Show> list() override;
    std::optional<Show> by_slug(std::string_view slug) override;
    Result<int64_t> create(const Show& show) override;
    std::optional<Show> by_id(int64_t id) override;
    Status update(const Show& show) override;
    Status remove(int64_t id) override;
    Result<Paged<Show>> page(const ListQuery& query) override;

  private:
    ConnectionPool& pool_;
};

class SqliteEventStore final : public EventStore {
  public:
    explicit SqliteEventStore(ConnectionPool& pool) : pool_(pool) {}
    std::vector<EventHub> list() override;
    std::optional<EventHub> by_slug(std::string_view slug) override;
    Result<int64_t> create(const EventHub& event) override;
    std::optional<EventHub> by_id(int64_t id) override;
    Status update(const EventHub& event) override;
    Status remove(int64_t id) override;
    Result<Paged<EventHub>> page(const ListQuery& query) override;

  private:
    ConnectionPool& pool_;
};

// The renditions of one asset, by crop, format and width.
std::vector<MediaRendition> load_renditions(Database& db, int64_t media_id);
// The renditions of these assets, by asset, in one statement; only those of
// one crop unless crop is empty (story_pages.cpp).
std::unordered_map<int64_t, std::vector<MediaRendition>> read_renditions(
    Database& db, const std::vector<int64_t>& media_ids, std::string_view crop = {});

class SqliteMediaStore final : public MediaStore {
  public:
    explicit SqliteMediaStore(ConnectionPool& pool) : pool_(pool) {}
    std::optional<MediaAsset> by_id(int64_t id) override;
    std::optional<MediaAsset> by_path(std::string_view path) override;
    Result<int64_t> create(const MediaAsset& asset) override;
    Status update(const MediaAsset& asset) override;
    Status remove(int64_t id) override;
    Result<Paged<MediaAsset>> page(const ListQuery& query) override;

  private:
    ConnectionPool& pool_;
};

// A scalar subquery packing the byline of the story s.id (id, slug, name
// split by char(31), authors by char(30)); parse_refs() reads it.
inline constexpr const char* kPackedAuthorsSql =
    "(SELECT group_concat(x, char(30)) FROM (SELECT a.id || char(31) || a.slug || char(31) || "
    "a.name AS x FROM story_authors sa JOIN authors a ON a.id = sa.author_id "
    "WHERE sa.story_id = s.id ORDER BY sa.position))";
std::vector<Ref> parse_refs(std::string_view packed);

// "[3,1,2]": ids for a statement that reads them with json_each(?), one
// statement for any number of ids.
std::string json_id_array(const std::vector<int64_t>& ids);

// The columns of a stories row that read_story() reads, in its order.
extern const char* const kStoryColumns;
Story read_story(Statement& s);
// id, path, mime, width, height, alt, caption, credit, focal_x, focal_y of a
// media row from column c on (without bytes and renditions).
MediaAsset read_media_at(Statement& s, int c);

class SqliteStoryStore final : public StoryStore {
  public:
    explicit SqliteStoryStore(ConnectionPool& pool) : pool_(pool) {}
    Result<int64_t> create(const Story& story) override;
    Status update(const Story& story) override;
    std::optional<Story> by_id(int64_t id) override;
    std::optional<StoryPage> published_page(int64_t id) override;
    std::vector<StoryPage> published_pages(
        const std::vector<int64_t>& ids) override;  // story_pages.cpp
    Paged<StorySummary> latest(const StoryQuery& query) override;
    Paged<int64_t> latest_ids(const StoryQuery& query) override;
    std::vector<int64_t> published_with_hero(int64_t media_id) override;
    std::vector<StorySummary> summaries(const std::vector<int64_t>& ids) override;
    int64_t count() override;
    std::vector<MonthCount> published_months() override;
    std::vector<SitemapEntry> published_between(Timestamp from, Timestamp to, int limit, int offset,
                                                bool newest_first) override;
    Result<Paged<StoryListItem>> admin_list(const AdminStoryQuery& query) override;
    std::vector<int64_t> due_scheduled(Timestamp now) override;
    Status remove(int64_t id) override;

  private:
    // Published summaries for these ids, in their order, on a held connection.
    std::vector<StorySummary> summaries_in(Database& db, const std::vector<int64_t>& ids);
    ConnectionPool& pool_;
};

class SqliteShortStore final : public ShortStore {
  public:
    explicit SqliteShortStore(ConnectionPool& pool) : pool_(pool) {}
    std::vector<Short> latest(int limit) override;
    Result<int64_t> create(const Short& item) override;
    std::optional<Short> by_id(int64_t id) override;
    Status update(const Short& item) override;
    Status remove(int64_t id) override;
    Result<Paged<Short>> page(const ListQuery& query) override;

  private:
    ConnectionPool& pool_;
};

class SqlitePageStore final : public PageStore {
  public:
    explicit SqlitePageStore(ConnectionPool& pool) : pool_(pool) {}
    std::optional<StaticPage> by_slug(std::string_view slug) override;
    std::vector<StaticPage> list() override;
    Result<int64_t> create(const StaticPage& page) override;
    std::optional<StaticPage> by_id(int64_t id) override;
    Status update(const StaticPage& page) override;
    Status remove(int64_t id) override;
    Result<Paged<StaticPage>> page(const ListQuery& query) override;

  private:
    ConnectionPool& pool_;
};

class SqliteCollectionStore final : public CollectionStore {
  public:
    explicit SqliteCollectionStore(ConnectionPool& pool) : pool_(pool) {}
    std::optional<Collection> by_slug(std::string_view slug, Timestamp now) override;
    Status put(const Collection& collection) override;
    Result<int64_t> create(const Collection& collection) override;
    std::optional<Collection> by_id(int64_t id) override;
    Status update(const Collection& collection) override;
    Status remove(int64_t id) override;
    Result<Paged<Collection>> page(const ListQuery& query) override;
    std::vector<std::string> expiring_between(Timestamp after, Timestamp until) override;

  private:
    ConnectionPool& pool_;
};

class SqliteRedirectStore final : public RedirectStore {
  public:
    explicit SqliteRedirectStore(ConnectionPool& pool) : pool_(pool) {}
    std::optional<Redirect> find(std::string_view from_path) override;
    Status put(const Redirect& redirect) override;
    Status remove(std::string_view from_path) override;
    Result<Paged<Redirect>> page(const ListQuery& query) override;

  private:
    ConnectionPool& pool_;
};

class SqliteImportStore final : public ImportStore {
  public:
    explicit SqliteImportStore(ConnectionPool& pool) : pool_(pool) {}
    std::vector<ImportedItem> imported(std::string_view source) override;
    Status record(std::string_view source, const ImportedItem& item, Timestamp at) override;

  private:
    ConnectionPool& pool_;
};

class SqliteSettingsStore final : public SettingsStore {
  public:
    explicit SqliteSettingsStore(ConnectionPool& pool) : pool_(pool) {}
    std::vector<std::pair<std::string, std::string>> all() override;
    Status set(std::string_view key, std::string_view value) override;
    std::optional<std::string> get(std::string_view key) override;
    Status remove(std::string_view key) override;

  private:
    ConnectionPool& pool_;
};

class SqliteChangeLog final : public ChangeLog {
  public:
    explicit SqliteChangeLog(ConnectionPool& pool) : pool_(pool) {}
    Status append(const std::vector<std::string>& keys) override;
    int64_t last_seq() override;
    std::vector<Change> since(int64_t seq) override;
    bool maybe_changed() override;

  private:
    ConnectionPool& pool_;
    // PRAGMA data_version moves when another connection commits; it needs
    // a connection of its own that asks every time.
    std::mutex watch_mutex_;
    std::unique_ptr<Database> watch_db_;
    int64_t last_data_version_ = -1;
};

class SqliteReadershipStore final : public ReadershipStore {
  public:
    explicit SqliteReadershipStore(ConnectionPool& pool) : pool_(pool) {}
    Status add_views(const std::vector<StoryViews>& views) override;
    int64_t total_views(int64_t story_id) override;
    std::vector<Ranked> most_read(const std::vector<HourWeight>& weights, int limit) override;
    std::vector<StoryTag> tags_of(const std::vector<int64_t>& story_ids) override;
    RelatedInputs related_inputs(int64_t story_id, int per_tag, int64_t frequency_cap) override;

  private:
    ConnectionPool& pool_;
};

inline int64_t to_unix(Timestamp t) {
    return t.time_since_epoch().count();
}
inline Timestamp from_unix(int64_t s) {
    return Timestamp{std::chrono::seconds{s}};
}
inline std::optional<int64_t> to_unix(const std::optional<Timestamp>& t) {
    if (!t) return std::nullopt;
    return to_unix(*t);
}

}  // namespace dateline::sqlite

// The storage contract. Callers see only these interfaces; the SQLite backend
// (and later PostgreSQL) lives behind them and is built by open_store().
//
// Threads: every method may be called from any thread; the backend hands each
// call a connection of its own. Methods that return Status/Result report
// expected failures (not found, invalid, conflict); anything else throws.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/editorial.h"
#include "model/media.h"
#include "model/readership.h"
#include "model/related.h"
#include "model/story.h"
#include "model/taxonomy.h"
#include "model/user.h"
#include "store/access_store.h"
#include "store/search_index.h"
#include "util/status.h"

namespace dateline {

template <class T>
struct Paged {
    std::vector<T> items;
    int64_t total = 0;
};

// Which published stories a list shows. Fields left empty do not filter.
struct StoryQuery {
    std::optional<int64_t> section_id;  // includes the section's children
    std::optional<int64_t> tag_id;
    std::optional<int64_t> author_id;
    std::optional<int64_t> show_id;
    std::optional<int64_t> event_id;
    std::optional<int64_t> exclude_id;
    std::optional<Timestamp> published_since;  // published_at at or after this
    std::optional<Timestamp> published_until;  // published_at before this
    int limit = 20;
    int offset = 0;
    bool count_total = true;  // a COUNT costs a scan; lists without pages skip it
};

// One page of a newsroom list. Fields left empty do not filter.
struct ListQuery {
    std::string text;  // a case-insensitive substring of the name, slug or title
    // A field of the aggregate's allowlist (each page() names its own), "-"
    // before it for descending; empty for the default order. Anything else
    // is invalid (field "sort").
    std::string sort;
    int limit = 50;  // 1..500, invalid (field "limit") otherwise
    int offset = 0;
};

// The newsroom's list of stories in every status. Fields left empty do not
// filter.
struct AdminStoryQuery {
    std::optional<StoryStatus> status;
    std::optional<int64_t> section_id;  // filed in exactly this section
    std::optional<int64_t> author_id;   // in the byline
    std::optional<int64_t> owner_id;    // created by this staff user
    std::string text;                   // a case-insensitive substring of the headline
    // updated_at, published_at, headline or created_at, "-" before it for
    // descending; empty means "-updated_at".
    std::string sort;
    int limit = 50;  // 1..500
    int offset = 0;
};

// Editing (docs/schema.md, "Versions"): every aggregate carries a version.
// create() stores version 1; update(x) replaces the stored one only when
// x.version equals the stored version (conflict "... was changed by someone
// else (version N)" otherwise, not_found when it is gone) and bumps it.
// remove() is not_found when missing and conflict while content still uses
// it; it never deletes content, only link rows (named per method).

class SectionStore {
  public:
    virtual ~SectionStore() = default;
    // All sections, parents before children, in navigation order.
    virtual std::vector<Section> list() = 0;
    virtual std::optional<Section> by_slug(std::string_view slug) = 0;
    virtual std::optional<Section> by_id(int64_t id) = 0;
    virtual Result<int64_t> create(const Section& section) = 0;
    // invalid: a bad slug, no name, an unknown parent or one inside this
    // section (a loop); conflict: the slug is taken, or a stale version.
    virtual Status update(const Section& section) = 0;
    // conflict while stories are filed in it or sections nest under it.
    virtual Status remove(int64_t id) = 0;
    // Sorts: position (default), name, slug.
    virtual Result<Paged<Section>> page(const ListQuery& query) = 0;
};

class AuthorStore {
  public:
    virtual ~AuthorStore() = default;
    virtual std::vector<Author> list() = 0;
    virtual std::optional<Author> by_slug(std::string_view slug) = 0;
    virtual Result<int64_t> create(const Author& author) = 0;
    virtual std::optional<Author> by_id(int64_t id) = 0;
    virtual Status update(const Author& author) = 0;
    // conflict while a story's byline names the author.
    virtual Status remove(int64_t id) = 0;
    // Sorts: name (default), slug.
    virtual Result<Paged<Author>> page(const ListQuery& query) = 0;
};

class TagStore {
  public:
    virtual ~TagStore() = default;
    virtual std::optional<Tag> by_slug(std::string_view slug) = 0;
    virtual std::vector<Tag> list() = 0;
    virtual Result<int64_t> create(const Tag& tag) = 0;
    // The editors' Trending strip, in order.
    virtual std::vector<Tag> trending() = 0;
    virtual Status set_trending(const std::vector<int64_t>& tag_ids) = 0;
    virtual std::optional<Tag> by_id(int64_t id) = 0;
    virtual Status update(const Tag& tag) = 0;
    // Takes the tag off its stories and the Trending strip (link rows only).
    virtual Status remove(int64_t id) = 0;
    // Sorts: name (default), slug.
    virtual Result<Paged<Tag>> page(const ListQuery& query) = 0;
};

class ShowStore {
  public:
    virtual ~ShowStore() = default;
    virtual std::vector<Show> list() = 0;
    virtual std::optional<Show> by_slug(std::string_view slug) = 0;
    virtual Result<int64_t> create(const Show& show) = 0;
    virtual std::optional<Show> by_id(int64_t id) = 0;
    virtual Status update(const Show& show) = 0;
    // conflict while stories (its episodes) belong to the show.
    virtual Status remove(int64_t id) = 0;
    // Sorts: position (default), name, slug.
    virtual Result<Paged<Show>> page(const ListQuery& query) = 0;
};

class EventStore {
  public:
    virtual ~EventStore() = default;
    virtual std::vector<EventHub> list() = 0;
    virtual std::optional<EventHub> by_slug(std::string_view slug) = 0;
    virtual Result<int64_t> create(const EventHub& event) = 0;
    virtual std::optional<EventHub> by_id(int64_t id) = 0;
    virtual Status update(const EventHub& event) = 0;
    // Takes the event off its stories (link rows only).
    virtual Status remove(int64_t id) = 0;
    // Sorts: position (default), name, slug.
    virtual Result<Paged<EventHub>> page(const ListQuery& query) = 0;
};

class MediaStore {
  public:
    virtual ~MediaStore() = default;
    virtual std::optional<MediaAsset> by_id(int64_t id) = 0;
    virtual std::optional<MediaAsset> by_path(std::string_view path) = 0;
    // conflict: an asset with that path exists.
    virtual Result<int64_t> create(const MediaAsset& asset) = 0;
    // Replaces the editable metadata (alt, caption, credit, focal point,
    // each 0..1); the image and its renditions stay. invalid: a focal point
    // outside the image, or empty alt on the hero of a published or
    // scheduled story.
    virtual Status update(const MediaAsset& asset) = 0;
    // Removes the metadata and rendition rows; the caller deletes the files.
    // conflict while a story uses the asset as its hero.
    virtual Status remove(int64_t id) = 0;
    // Newest first by default; sorts: created_at, path. The text matches
    // alt, caption, credit and path. Items carry their renditions.
    virtual Result<Paged<MediaAsset>> page(const ListQuery& query) = 0;
};

class StoryStore {
  public:
    virtual ~StoryStore() = default;
    // Stores a new story with its authors, tags and events; returns its id.
    // invalid: unknown section, empty headline, bad slug.
    virtual Result<int64_t> create(const Story& story) = 0;
    // Replaces a story when story.version matches the stored one (conflict
    // otherwise) and bumps the version.
    virtual Status update(const Story& story) = 0;
    virtual std::optional<Story> by_id(int64_t id) = 0;
    // A published story with its section, authors, tags, events and hero.
    virtual std::optional<StoryPage> published_page(int64_t id) = 0;
    // The published ones of these stories as pages, in the given order (a
    // repeated id once), read together in a few statements: for feeds.
    virtual std::vector<StoryPage> published_pages(const std::vector<int64_t>& ids) = 0;
    // Published stories, newest first.
    virtual Paged<StorySummary> latest(const StoryQuery& query) = 0;
    // The ids latest() would read the summaries of: for callers that keep
    // summaries of their own (site/story_card_cache.h).
    virtual Paged<int64_t> latest_ids(const StoryQuery& query) = 0;
    // The published stories whose hero is this image, newest id first.
    virtual std::vector<int64_t> published_with_hero(int64_t media_id) = 0;
    // Published stories with these ids, in the given order.
    virtual std::vector<StorySummary> summaries(const std::vector<int64_t>& ids) = 0;
    virtual int64_t count() = 0;
    // Months with published stories (by published_at in UTC), oldest first.
    virtual std::vector<MonthCount> published_months() = 0;
    // Published stories with from <= published_at < to, oldest first (or
    // newest first), limit at most from offset on; hero with its bytes.
    virtual std::vector<SitemapEntry> published_between(Timestamp from, Timestamp to, int limit,
                                                        int offset, bool newest_first) = 0;
    // Stories in every status for the newsroom, with the total.
    virtual Result<Paged<StoryListItem>> admin_list(const AdminStoryQuery& query) = 0;
    // Scheduled stories whose publication time (published_at) is at or
    // before now, oldest first.
    virtual std::vector<int64_t> due_scheduled(Timestamp now) = 0;
    // Deletes the story with its links, collection items and shorts.
    virtual Status remove(int64_t id) = 0;
};

class ShortStore {
  public:
    virtual ~ShortStore() = default;
    virtual std::vector<Short> latest(int limit) = 0;
    // invalid: more than kMaxShortWords words, or an empty summary.
    virtual Result<int64_t> create(const Short& item) = 0;
    // Without the display fields (story_path, hero_media_id).
    virtual std::optional<Short> by_id(int64_t id) = 0;
    virtual Status update(const Short& item) = 0;
    virtual Status remove(int64_t id) = 0;
    // Newest first by default; sorts: published_at, headline. The text
    // matches headline and summary.
    virtual Result<Paged<Short>> page(const ListQuery& query) = 0;
};

class PageStore {
  public:
    virtual ~PageStore() = default;
    virtual std::optional<StaticPage> by_slug(std::string_view slug) = 0;
    virtual std::vector<StaticPage> list() = 0;
    virtual Result<int64_t> create(const StaticPage& page) = 0;
    virtual std::optional<StaticPage> by_id(int64_t id) = 0;
    virtual Status update(const StaticPage& page) = 0;
    virtual Status remove(int64_t id) = 0;
    // Sorts: title (default), slug, updated_at.
    virtual Result<Paged<StaticPage>> page(const ListQuery& query) = 0;
};

class CollectionStore {
  public:
    virtual ~CollectionStore() = default;
    // The collection with its items in order; expired items are left out.
    virtual std::optional<Collection> by_slug(std::string_view slug, Timestamp now) = 0;
    // Creates or replaces the collection of that slug, whatever its version
    // (imports and seeding; the newsroom uses create and update).
    virtual Status put(const Collection& collection) = 0;
    // Items are stored in the given order (position = index); the same story
    // twice or an unknown story is invalid (field "items").
    virtual Result<int64_t> create(const Collection& collection) = 0;
    // With every item, expired ones included, pinned first then by position.
    virtual std::optional<Collection> by_id(int64_t id) = 0;
    // Replaces name, slug and the whole item list (reorder, pin, expire).
    virtual Status update(const Collection& collection) = 0;
    // Removes the collection and its item rows; the stories stay.
    virtual Status remove(int64_t id) = 0;
    // Without items. Sorts: name (default), slug.
    virtual Result<Paged<Collection>> page(const ListQuery& query) = 0;
    // The slugs of the collections with an item that expires after `after`
    // and at or before `until`: their pages change then without a write.
    virtual std::vector<std::string> expiring_between(Timestamp after, Timestamp until) = 0;
};

class RedirectStore {
  public:
    virtual ~RedirectStore() = default;
    virtual std::optional<Redirect> find(std::string_view from_path) = 0;
    // Creates or replaces the redirect from that path. redirect.version 0
    // replaces whatever is stored; a version above 0 must match the stored
    // one (conflict otherwise, not_found when none is stored). invalid:
    // from_path or to_path not starting with '/' (to_path may be empty for
    // 410 Gone), a loop, a status other than 301/302/307/308/410.
    virtual Status put(const Redirect& redirect) = 0;
    virtual Status remove(std::string_view from_path) = 0;
    // Sorts: from_path (default), to_path, status. The text matches both paths.
    virtual Result<Paged<Redirect>> page(const ListQuery& query) = 0;
};

class UserStore {
  public:
    virtual ~UserStore() = default;
    // conflict: the e-mail address is taken.
    virtual Result<int64_t> create(const User& user) = 0;
    virtual std::optional<User> by_email(std::string_view email) = 0;
    virtual std::optional<User> by_id(int64_t id) = 0;
    // Every account, by name.
    virtual std::vector<User> list() = 0;
    // Replaces name, e-mail, role, disabled and author_id when user.version
    // matches (conflict otherwise); the password is changed by set_password.
    virtual Status update(const User& user) = 0;
    // Stores a new hash and its time; the caller ends the user's sessions.
    virtual Status set_password(int64_t id, std::string_view hash, Timestamp at) = 0;
    // not_found; conflict when the user is the owner.
    virtual Status remove(int64_t id) = 0;
    virtual int64_t count() = 0;
};

// What an import made of one item of its source (docs/import.md).
struct ImportedItem {
    std::string kind;       // "story" or "page"
    std::string source_id;  // the item's id in its source, e.g. a WordPress post id
    int64_t target_id = 0;  // the story or page it became
};

// The record that lets an export be imported again without duplicates: an
// item already recorded is skipped, even when its story was deleted since.
class ImportStore {
  public:
    virtual ~ImportStore() = default;
    // Every item imported from this source ("wordpress:https://old.example").
    virtual std::vector<ImportedItem> imported(std::string_view source) = 0;
    // conflict when the source has an item of that kind and id already.
    virtual Status record(std::string_view source, const ImportedItem& item, Timestamp at) = 0;
};

// Site settings edited in the newsroom ("site.title" -> "The Ledger"); the
// configuration file and environment override them.
class SettingsStore {
  public:
    virtual ~SettingsStore() = default;
    virtual std::vector<std::pair<std::string, std::string>> all() = 0;
    virtual Status set(std::string_view key, std::string_view value) = 0;
    virtual std::optional<std::string> get(std::string_view key) = 0;
    // not_found when the key is not set.
    virtual Status remove(std::string_view key) = 0;
};

// Which pages a write touched, as cache dependency keys, so that every node
// (and a server watching a CLI's writes) can invalidate them.
struct Change {
    int64_t seq = 0;
    std::vector<std::string> keys;
};

class ChangeLog {
  public:
    virtual ~ChangeLog() = default;
    virtual Status append(const std::vector<std::string>& keys) = 0;
    virtual int64_t last_seq() = 0;
    virtual std::vector<Change> since(int64_t seq) = 0;
    // True when anything may have been written since the previous call: a
    // cheap check (no query) for the one thread that watches for changes.
    virtual bool maybe_changed() = 0;
};

// Readership (docs/readership.md): hourly view counts of stories, the
// rankings made from them, and what Related stories are chosen from.
class ReadershipStore {
  public:
    virtual ~ReadershipStore() = default;
    // Adds each count to its story's hourly bucket (insert or add), all in
    // one transaction: either every count is stored or none. io errors when
    // the database cannot be written.
    virtual Status add_views(const std::vector<StoryViews>& views) = 0;
    // Every view stored for the story, over all hours.
    virtual int64_t total_views(int64_t story_id) = 0;
    // Published stories by decayed views: the sum of views times the weight
    // of their hour, over the hours given (others count nothing); at most
    // limit, best first, equal scores newer id first.
    virtual std::vector<Ranked> most_read(const std::vector<HourWeight>& weights, int limit) = 0;
    // The tags of these stories.
    virtual std::vector<StoryTag> tags_of(const std::vector<int64_t>& story_ids) = 0;
    // For a published story: its headline, its tags with their published
    // story counts (up to frequency_cap), and the newest per_tag published
    // stories of each tag with the tags they share. Bounded: at most
    // tags x per_tag candidates, each tag read by index. Empty for an
    // unknown story.
    virtual RelatedInputs related_inputs(int64_t story_id, int per_tag, int64_t frequency_cap) = 0;
};

// Every read on this thread sees one state of the store until destroyed.
class ReadSnapshot {
  public:
    virtual ~ReadSnapshot() = default;
};

class Store {
  public:
    virtual ~Store() = default;

    virtual SectionStore& sections() = 0;
    virtual AuthorStore& authors() = 0;
    virtual TagStore& tags() = 0;
    virtual ShowStore& shows() = 0;
    virtual EventStore& events() = 0;
    virtual MediaStore& media() = 0;
    virtual StoryStore& stories() = 0;
    virtual ShortStore& shorts() = 0;
    virtual PageStore& pages() = 0;
    virtual CollectionStore& collections() = 0;
    virtual RedirectStore& redirects() = 0;
    virtual UserStore& users() = 0;
    virtual SettingsStore& settings() = 0;
    virtual ChangeLog& changes() = 0;
    virtual SessionStore& sessions() = 0;
    virtual ApiKeyStore& api_keys() = 0;
    virtual ThrottleStore& throttle() = 0;
    virtual PasswordResetStore& password_resets() = 0;
    virtual RevisionStore& revisions() = 0;
    virtual AutosaveStore& autosaves() = 0;
    virtual SearchIndex& search() = 0;  // store/search_index.h
    virtual SearchTermStore& search_terms() = 0;
    virtual ReadershipStore& readership() = 0;
    virtual ImportStore& imports() = 0;

    // Runs body in one write transaction on this thread: every store call it
    // makes joins the transaction. Commits when body returns ok, rolls back
    // when it returns an error or throws.
    virtual Status transaction(const std::function<Status()>& body) = 0;

    // A bulk load by a process that may be the database's only user (the
    // command line with no server on the same data) can write each page
    // once rather than twice. True when this process alone has the
    // database: until end_sole_writing() no other process can read or
    // write it. False, with nothing changed, when another has it open. Not
    // inside a transaction; SoleWriting (below) pairs the two.
    virtual bool begin_sole_writing() = 0;
    virtual void end_sole_writing() = 0;

    virtual int schema_version() = 0;
    // Applies the migrations that are missing; returns how many ran.
    virtual Result<int> migrate() = 0;
    virtual bool is_empty() = 0;  // no story, section or user yet
    // Refreshes the query planner's statistics from a sample (milliseconds
    // even for a million stories); without them it walks the wrong index.
    virtual void optimize() = 0;
    // For a page built from many reads: one consistent state, and one
    // read transaction instead of one per statement (each costs SQLite file
    // locks and a stat). Nothing may be written on this thread meanwhile.
    virtual std::unique_ptr<ReadSnapshot> read_snapshot() = 0;
};

// Sole writing for a bulk load, ended by finish() or when left.
class SoleWriting {
  public:
    explicit SoleWriting(Store& store) : store_(store), sole_(store.begin_sole_writing()) {}
    SoleWriting(const SoleWriting&) = delete;
    SoleWriting& operator=(const SoleWriting&) = delete;
    ~SoleWriting() {
        if (!sole_) return;
        // Unwinding from a failed load: an end that fails here too (it must
        // not throw from a destructor) leaves the database locked until this
        // process exits, and journaled as during the load until the next
        // open returns it to the write-ahead log.
        try {
            store_.end_sole_writing();
        } catch (const std::exception&) {
        }
    }
    bool sole() const { return sole_; }
    void finish() {
        if (!sole_) return;
        sole_ = false;
        store_.end_sole_writing();
    }

  private:
    Store& store_;
    bool sole_;
};

struct StoreOptions {
    std::filesystem::path sqlite_path;
    int connections = 4;
    bool migrate = true;  // apply missing migrations on open
};

// The schema version this program creates and upgrades to.
int current_schema_version();

// Opens (creating when missing) the store. io errors for an unusable file.
Result<std::unique_ptr<Store>> open_store(const StoreOptions& options);

}  // namespace dateline

#include <unordered_map>

#include "model/slug.h"
#include "store/sqlite/editing.h"
#include "store/sqlite/stores.h"
#include "store/sqlite/story_months.h"
#include "util/strings.h"

namespace dateline::sqlite {

const char* const kStoryColumns =
    "id, slug, section_id, kind, status, headline, standfirst, body_format, body_source, "
    "body_html, body_text, word_count, hero_media_id, show_id, agency_credit, published_at, "
    "content_updated_at, created_at, updated_at, version, owner_id, embargo_until";

Story read_story(Statement& s) {
    Story st;
    st.id = s.int64(0);
    st.slug = s.text(1);
    st.section_id = s.int64(2);
    st.kind = parse_story_kind(s.text(3)).value_or(StoryKind::news);
    st.status = parse_story_status(s.text(4)).value_or(StoryStatus::draft);
    st.headline = s.text(5);
    st.standfirst = s.text(6);
    st.body_format = parse_body_format(s.text(7)).value_or(BodyFormat::markdown);
    st.body_source = s.text(8);
    st.body_html = s.text(9);
    st.body_text = s.text(10);
    st.word_count = s.integer(11);
    st.hero_media_id = s.optional_int64(12);
    st.show_id = s.optional_int64(13);
    st.agency_credit = s.integer(14) != 0;
    if (!s.is_null(15)) st.published_at = from_unix(s.int64(15));
    if (!s.is_null(16)) st.content_updated_at = from_unix(s.int64(16));
    st.created_at = from_unix(s.int64(17));
    st.updated_at = from_unix(s.int64(18));
    st.version = s.int64(19);
    st.owner_id = s.optional_int64(20);
    if (!s.is_null(21)) st.embargo_until = from_unix(s.int64(21));
    return st;
}

namespace {

// The columns of a summary; read_summary() reads them in this order. The
// hero's renditions and the authors come from statements of their own over
// the whole batch (summaries_in): packing them per row into strings was a
// third of a story page's cost.
const std::string kSummarySelect =
    "SELECT s.id, s.slug, s.kind, s.headline, s.standfirst, s.published_at, "
    "sec.id, sec.slug, sec.name, "
    "m.id, m.path, m.mime, m.width, m.height, m.alt, m.caption, m.credit, m.focal_x, m.focal_y "
    "FROM stories s JOIN sections sec ON sec.id = s.section_id "
    "LEFT JOIN media m ON m.id = s.hero_media_id ";

// The authors of these stories (a JSON array of ids), in order, by story.
std::unordered_map<int64_t, std::vector<Ref>> author_refs(Database& db,
                                                          const std::string& story_ids) {
    Query q(db,
            "SELECT sa.story_id, a.id, a.slug, a.name "
            "FROM json_each(?) j CROSS JOIN story_authors sa ON sa.story_id = j.value "
            "JOIN authors a ON a.id = sa.author_id ORDER BY sa.story_id, sa.position");
    q->bind_all(story_ids);
    std::unordered_map<int64_t, std::vector<Ref>> out;
    while (q->step())
        out[q->int64(0)].push_back(Ref{q->int64(1), q->text(2), q->text(3)});
    return out;
}

}  // namespace

MediaAsset read_media_at(Statement& s, int c) {
    MediaAsset m;
    m.id = s.int64(c);
    m.path = s.text(c + 1);
    m.mime = s.text(c + 2);
    m.width = s.integer(c + 3);
    m.height = s.integer(c + 4);
    m.alt = s.text(c + 5);
    m.caption = s.text(c + 6);
    m.credit = s.text(c + 7);
    m.focal_x = s.real(c + 8);
    m.focal_y = s.real(c + 9);
    return m;
}

namespace {

StorySummary read_summary(Statement& s) {
    StorySummary out;
    out.id = s.int64(0);
    out.slug = s.text(1);
    out.kind = parse_story_kind(s.text(2)).value_or(StoryKind::news);
    out.headline = s.text(3);
    out.standfirst = s.text(4);
    out.published_at = from_unix(s.int64(5));
    out.section = Ref{s.int64(6), s.text(7), s.text(8)};
    if (!s.is_null(9)) out.hero = read_media_at(s, 9);
    return out;
}

}  // namespace

std::vector<Ref> parse_refs(std::string_view packed) {
    std::vector<Ref> refs;
    if (packed.empty()) return refs;
    for (auto item : split(packed, '\x1e')) {
        auto fields = split(item, '\x1f');
        if (fields.size() != 3) continue;
        refs.push_back(
            Ref{parse_int(fields[0]).value_or(0), std::string(fields[1]), std::string(fields[2])});
    }
    return refs;
}

namespace {

Status validate(const Story& story) {
    if (trim(story.headline).empty()) return Error::invalid("headline", "headline is required");
    if (story.headline.size() > 300)
        return Error::invalid("headline", "headline is longer than 300 characters");
    if (!is_valid_slug(story.slug))
        return Error::invalid(
            "slug", "slug '" + story.slug + "' must be lower-case letters, digits and hyphens");
    if ((story.status == StoryStatus::published || story.status == StoryStatus::scheduled) &&
        !story.published_at)
        return Error::invalid("published_at", "a published or scheduled story needs a time");
    if ((story.status == StoryStatus::published || story.status == StoryStatus::scheduled) &&
        story.embargo_until && story.published_at && *story.published_at < *story.embargo_until)
        return Error::invalid("published_at",
                              "the story is embargoed until later than its publication time");
    return {};
}

void clear_links(Database& db, int64_t story_id) {
    for (const char* sql : {"DELETE FROM story_authors WHERE story_id = ?",
                            "DELETE FROM story_tags WHERE story_id = ?",
                            "DELETE FROM story_events WHERE story_id = ?"}) {
        Query q(db, sql);
        q->bind_all(story_id);
        q->execute();
    }
}

// Writes the links of a new story, or of one whose links clear_links()
// removed: a new story has none to remove, and the three deletes were a
// tenth of a bulk load's time.
Status write_links(Database& db, const Story& story) {
    // Links carry the publication time of a published story (docs/schema.md).
    std::optional<int64_t> listed_at;
    if (story.status == StoryStatus::published) listed_at = to_unix(story.published_at);
    int position = 0;
    for (int64_t author : story.author_ids) {
        Query q(db,
                "INSERT INTO story_authors (story_id, author_id, position, published_at) "
                "VALUES (?, ?, ?, ?)");
        q->bind_all(story.id, author, position++, listed_at);
        if (!q->execute_checked())
            return Error::invalid("authors",
                                  "unknown or repeated author " + std::to_string(author));
    }
    position = 0;
    for (int64_t tag : story.tag_ids) {
        Query q(db,
                "INSERT INTO story_tags (story_id, tag_id, position, published_at) "
                "VALUES (?, ?, ?, ?)");
        q->bind_all(story.id, tag, position++, listed_at);
        if (!q->execute_checked())
            return Error::invalid("tags", "unknown or repeated tag " + std::to_string(tag));
    }
    for (int64_t event : story.event_ids) {
        Query q(db, "INSERT INTO story_events (story_id, event_id, published_at) VALUES (?, ?, ?)");
        q->bind_all(story.id, event, listed_at);
        if (!q->execute_checked())
            return Error::invalid("events", "unknown or repeated event " + std::to_string(event));
    }
    return {};
}

// A story readers can see needs a hero image that says what it shows.
Status check_hero_alt(Database& db, const Story& story) {
    if (!story.hero_media_id) return {};
    if (story.status != StoryStatus::published && story.status != StoryStatus::scheduled) return {};
    Query q(db, "SELECT alt FROM media WHERE id = ?");
    q->bind_all(*story.hero_media_id);
    if (!q->step()) return {};  // an unknown image is reported by the foreign key
    if (trim(q->text(0)).empty())
        return Error::invalid(
            "hero_media_id",
            "the hero image (media " + std::to_string(*story.hero_media_id) +
                ") has no alt text: describe it before the story is " +
                (story.status == StoryStatus::published ? "published" : "scheduled"));
    return {};
}

// Names the reference of a story that a foreign key refused.
Error unknown_reference(Database& db, const Story& story) {
    auto exists = [&](const char* table, int64_t id) {
        Query q(db, std::string("SELECT 1 FROM ") + table + " WHERE id = ?");
        q->bind_all(id);
        return q->step();
    };
    if (!exists("sections", story.section_id))
        return Error::invalid("section_id", "unknown section " + std::to_string(story.section_id));
    if (story.show_id && !exists("shows", *story.show_id))
        return Error::invalid("show_id", "unknown show " + std::to_string(*story.show_id));
    if (story.hero_media_id && !exists("media", *story.hero_media_id))
        return Error::invalid("hero_media_id",
                              "unknown hero image " + std::to_string(*story.hero_media_id));
    if (story.owner_id && !exists("users", *story.owner_id))
        return Error::invalid("owner_id", "unknown user " + std::to_string(*story.owner_id));
    return Error::invalid("section_id", "unknown section, show, hero image or owner");
}

// The names of a story's tags or authors as the search index holds them
// (stories.search_tags, search_authors): in the story's order, ", " apart.
// Unknown ids are left out here and reported by write_links().
std::string link_names(Database& db, const char* table, const std::vector<int64_t>& ids) {
    std::string names;
    Query q(db, std::string("SELECT name FROM ") + table + " WHERE id = ?");
    for (int64_t id : ids) {
        q->reset();
        q->bind_all(id);
        if (!q->step()) continue;
        if (!names.empty()) names += ", ";
        names += q->text(0);
    }
    return names;
}

}  // namespace

Result<int64_t> SqliteStoryStore::create(const Story& input) {
    if (auto st = validate(input); !st) return st.error();
    TransactionScope tx(pool_);
    Lease lease(pool_);
    if (auto st = check_hero_alt(lease.db(), input); !st) return st.error();
    Query q(lease.db(),
            "INSERT INTO stories (slug, section_id, kind, status, headline, standfirst, "
            "body_format, body_source, body_html, body_text, word_count, hero_media_id, show_id, "
            "agency_credit, published_at, content_updated_at, created_at, updated_at, version, "
            "owner_id, embargo_until, search_tags, search_authors) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)");
    q->bind_all(input.slug, input.section_id, to_string(input.kind), to_string(input.status),
                input.headline, input.standfirst, to_string(input.body_format), input.body_source,
                input.body_html, input.body_text, input.word_count, input.hero_media_id,
                input.show_id, input.agency_credit ? 1 : 0, to_unix(input.published_at),
                to_unix(input.content_updated_at), to_unix(input.created_at),
                to_unix(input.updated_at), input.owner_id, to_unix(input.embargo_until),
                link_names(lease.db(), "tags", input.tag_ids),
                link_names(lease.db(), "authors", input.author_ids));
    if (!q->execute_checked()) return unknown_reference(lease.db(), input);
    Story story = input;
    story.id = lease->last_insert_id();
    if (auto st = write_links(lease.db(), story); !st) return st.error();
    move_month_share(lease.db(), std::nullopt, month_share(lease.db(), story.id));
    tx.commit();
    return story.id;
}

Status SqliteStoryStore::update(const Story& story) {
    if (auto st = validate(story); !st) return st;
    TransactionScope tx(pool_);
    Lease lease(pool_);
    if (auto st = check_hero_alt(lease.db(), story); !st) return st;
    auto month_before = month_share(lease.db(), story.id);
    Query q(lease.db(),
            "UPDATE stories SET slug = ?, section_id = ?, kind = ?, status = ?, headline = ?, "
            "standfirst = ?, body_format = ?, body_source = ?, body_html = ?, body_text = ?, "
            "word_count = ?, hero_media_id = ?, show_id = ?, agency_credit = ?, "
            "published_at = ?, content_updated_at = ?, updated_at = ?, owner_id = ?, "
            "embargo_until = ?, version = version + 1, search_tags = ?, search_authors = ? "
            "WHERE id = ? AND version = ?");
    q->bind_all(story.slug, story.section_id, to_string(story.kind), to_string(story.status),
                story.headline, story.standfirst, to_string(story.body_format), story.body_source,
                story.body_html, story.body_text, story.word_count, story.hero_media_id,
                story.show_id, story.agency_credit ? 1 : 0, to_unix(story.published_at),
                to_unix(story.content_updated_at), to_unix(story.updated_at), story.owner_id,
                to_unix(story.embargo_until), link_names(lease.db(), "tags", story.tag_ids),
                link_names(lease.db(), "authors", story.author_ids), story.id, story.version);
    if (!q->execute_checked()) return unknown_reference(lease.db(), story);
    if (lease->changes() == 0) return stale_or_missing(lease.db(), "stories", "story", story.id);
    clear_links(lease.db(), story.id);
    if (auto st = write_links(lease.db(), story); !st) return st;
    move_month_share(lease.db(), month_before, month_share(lease.db(), story.id));
    tx.commit();
    return {};
}

std::optional<Story> SqliteStoryStore::by_id(int64_t id) {
    Lease lease(pool_);
    Query q(lease.db(), std::string("SELECT ") + kStoryColumns + " FROM stories WHERE id = ?");
    q->bind_all(id);
    if (!q->step()) return std::nullopt;
    Story story = read_story(*q);
    Query a(lease.db(), "SELECT author_id FROM story_authors WHERE story_id = ? ORDER BY position");
    a->bind_all(id);
    while (a->step())
        story.author_ids.push_back(a->int64(0));
    Query t(lease.db(), "SELECT tag_id FROM story_tags WHERE story_id = ? ORDER BY position");
    t->bind_all(id);
    while (t->step())
        story.tag_ids.push_back(t->int64(0));
    Query e(lease.db(), "SELECT event_id FROM story_events WHERE story_id = ?");
    e->bind_all(id);
    while (e->step())
        story.event_ids.push_back(e->int64(0));
    return story;
}

std::optional<StoryPage> SqliteStoryStore::published_page(int64_t id) {
    Lease lease(pool_);
    Database& db = lease.db();
    StoryPage page;
    {
        Query q(db, std::string("SELECT ") + kStoryColumns +
                        " FROM stories WHERE id = ? AND status = 'published'");
        q->bind_all(id);
        if (!q->step()) return std::nullopt;
        page.story = read_story(*q);
    }
    auto read_section = [&](int64_t section_id) -> std::optional<Section> {
        Query q(db,
                "SELECT id, slug, name, description, parent_id, position FROM sections "
                "WHERE id = ?");
        q->bind_all(section_id);
        if (!q->step()) return std::nullopt;
        return Section{q->int64(0), q->text(1),           q->text(2),
                       q->text(3),  q->optional_int64(4), q->integer(5)};
    };
    page.section = read_section(page.story.section_id).value();
    if (page.section.parent_id) page.parent_section = read_section(*page.section.parent_id);
    {
        Query q(db,
                "SELECT a.id, a.slug, a.name, a.kind, a.title, a.bio FROM story_authors sa "
                "JOIN authors a ON a.id = sa.author_id WHERE sa.story_id = ? ORDER BY sa.position");
        q->bind_all(id);
        while (q->step())
            page.authors.push_back(
                Author{q->int64(0), q->text(1), q->text(2),
                       parse_author_kind(q->text(3)).value_or(AuthorKind::person), q->text(4),
                       q->text(5)});
    }
    {
        Query q(db,
                "SELECT t.id, t.slug, t.name, t.description FROM story_tags st "
                "JOIN tags t ON t.id = st.tag_id WHERE st.story_id = ? ORDER BY st.position");
        q->bind_all(id);
        while (q->step())
            page.tags.push_back(Tag{q->int64(0), q->text(1), q->text(2), q->text(3)});
    }
    {
        Query q(db,
                "SELECT e.id, e.slug, e.name, e.description, e.position FROM story_events se "
                "JOIN events e ON e.id = se.event_id WHERE se.story_id = ? ORDER BY e.position");
        q->bind_all(id);
        while (q->step())
            page.events.push_back(
                EventHub{q->int64(0), q->text(1), q->text(2), q->text(3), q->integer(4)});
    }
    if (page.story.show_id) {
        Query q(db, "SELECT id, slug, name, description, position FROM shows WHERE id = ?");
        q->bind_all(*page.story.show_id);
        if (q->step())
            page.show = Show{q->int64(0), q->text(1), q->text(2), q->text(3), q->integer(4)};
    }
    if (page.story.hero_media_id) {
        Query q(db,
                "SELECT id, path, mime, width, height, alt, caption, credit, focal_x, focal_y, "
                "bytes FROM media WHERE id = ?");
        q->bind_all(*page.story.hero_media_id);
        if (q->step()) {
            page.hero = read_media_at(*q, 0);
            page.hero->bytes = q->int64(10);
            page.hero->renditions = load_renditions(db, page.hero->id);
        }
    }
    return page;
}

Paged<StorySummary> SqliteStoryStore::latest(const StoryQuery& query) {
    auto ids = latest_ids(query);
    Lease lease(pool_);
    Paged<StorySummary> out;
    out.items = summaries_in(lease.db(), ids.items);
    out.total = query.count_total ? ids.total : static_cast<int64_t>(out.items.size());
    return out;
}

Paged<int64_t> SqliteStoryStore::latest_ids(const StoryQuery& query) {
    // Phase one finds the ids of the page by walking an index in date order;
    // phase two reads their summaries. Skipped rows (OFFSET) cost an index
    // step each, nothing more.
    std::string from;
    std::string where;
    std::string order = "ORDER BY s.published_at DESC, s.id DESC";
    std::string date_column = "s.published_at";
    std::vector<int64_t> params;
    auto by_link = [&](const char* table, const char* column, int64_t id) {
        // The link's own index (column, published_at, story_id) is in date order.
        from = std::string("FROM ") + table + " f CROSS JOIN stories s ON s.id = f.story_id ";
        where = std::string("WHERE f.") + column + " = ? AND f.published_at IS NOT NULL ";
        order = "ORDER BY f.published_at DESC, f.story_id DESC";
        date_column = "f.published_at";
        params.push_back(id);
    };
    if (query.tag_id) {
        by_link("story_tags", "tag_id", *query.tag_id);
    } else if (query.author_id) {
        by_link("story_authors", "author_id", *query.author_id);
    } else if (query.event_id) {
        by_link("story_events", "event_id", *query.event_id);
    } else {
        from = "FROM stories s ";
        where = "WHERE s.status = 'published' ";
    }
    // Further filters when several are combined (rare: checked row by row).
    if (query.author_id && query.tag_id) {
        where +=
            "AND EXISTS (SELECT 1 FROM story_authors a WHERE a.story_id = s.id "
            "AND a.author_id = ?) ";
        params.push_back(*query.author_id);
    }
    if (query.event_id && (query.tag_id || query.author_id)) {
        where +=
            "AND EXISTS (SELECT 1 FROM story_events e WHERE e.story_id = s.id "
            "AND e.event_id = ?) ";
        params.push_back(*query.event_id);
    }
    if (query.section_id) {
        // Equality lets the planner walk stories_section in date order; a
        // section with children lists their ids (integers from the store).
        std::string children;
        {
            Lease lease(pool_);
            Query c(lease.db(), "SELECT id FROM sections WHERE parent_id = ? ORDER BY id");
            c->bind_all(*query.section_id);
            while (c->step())
                children += "," + std::to_string(c->int64(0));
        }
        if (children.empty()) {
            where += "AND s.section_id = ? ";
            params.push_back(*query.section_id);
        } else {
            where += "AND s.section_id IN (" + std::to_string(*query.section_id) + children + ") ";
        }
    }
    if (query.show_id) {
        where += "AND s.show_id = ? ";
        params.push_back(*query.show_id);
    }
    if (query.exclude_id) {
        where += "AND s.id <> ? ";
        params.push_back(*query.exclude_id);
    }
    // On the column the walk is ordered by, so the index bounds the range.
    if (query.published_since) {
        where += "AND " + date_column + " >= ? ";
        params.push_back(to_unix(*query.published_since));
    }
    if (query.published_until) {
        where += "AND " + date_column + " < ? ";
        params.push_back(to_unix(*query.published_until));
    }

    Lease lease(pool_);
    Paged<int64_t> out;
    {
        Query q(lease.db(), "SELECT s.id " + from + where + order + " LIMIT ? OFFSET ?");
        int index = 1;
        for (int64_t p : params)
            q->bind(index++, p);
        q->bind(index++, query.limit);
        q->bind(index++, query.offset);
        while (q->step())
            out.items.push_back(q->int64(0));
    }
    if (query.count_total) {
        Query c(lease.db(), "SELECT count(*) " + from + where);
        int index = 1;
        for (int64_t p : params)
            c->bind(index++, p);
        if (c->step()) out.total = c->int64(0);
    } else {
        out.total = static_cast<int64_t>(out.items.size());
    }
    return out;
}

std::vector<int64_t> SqliteStoryStore::published_with_hero(int64_t media_id) {
    Lease lease(pool_);
    // stories_hero (migration 8) finds them; the status is checked per row.
    Query q(lease.db(),
            "SELECT id FROM stories WHERE hero_media_id = ? AND +status = 'published' "
            "ORDER BY id DESC");
    q->bind_all(media_id);
    std::vector<int64_t> ids;
    while (q->step())
        ids.push_back(q->int64(0));
    return ids;
}

std::vector<StorySummary> SqliteStoryStore::summaries(const std::vector<int64_t>& ids) {
    Lease lease(pool_);
    return summaries_in(lease.db(), ids);
}

std::vector<StorySummary> SqliteStoryStore::summaries_in(Database& db,
                                                         const std::vector<int64_t>& ids) {
    if (ids.empty()) return {};
    // One statement for any number of ids: they travel as a JSON array.
    std::string list = json_id_array(ids);
    // CROSS JOIN keeps the planner from walking the status index instead.
    static const std::string sql = [] {
        std::string select = kSummarySelect;
        select.replace(select.find("FROM stories s"), std::string_view("FROM stories s").size(),
                       "FROM json_each(?) j CROSS JOIN stories s ON s.id = j.value");
        return select + "WHERE s.status = 'published'";
    }();
    Query q(db, sql);
    q->bind_all(list);
    std::vector<StorySummary> found;
    std::vector<int64_t> found_ids, media_ids;
    while (q->step()) {
        found.push_back(read_summary(*q));
        found_ids.push_back(found.back().id);
        if (found.back().hero) media_ids.push_back(found.back().hero->id);
    }
    if (found.empty()) return {};
    auto authors = author_refs(db, json_id_array(found_ids));
    // Cards and the lead show the 16:9 crop: a summary carries only those.
    auto renditions = read_renditions(db, media_ids, "16x9");
    for (auto& s : found) {
        if (auto a = authors.find(s.id); a != authors.end()) s.authors = std::move(a->second);
        if (!s.hero) continue;
        if (auto r = renditions.find(s.hero->id); r != renditions.end())
            s.hero->renditions = r->second;
    }
    std::vector<StorySummary> out;
    out.reserve(found.size());
    for (int64_t id : ids)
        for (auto& s : found)
            if (s.id == id) out.push_back(s);
    return out;
}

int64_t SqliteStoryStore::count() {
    Lease lease(pool_);
    Query q(lease.db(), "SELECT count(*) FROM stories");
    q->step();
    return q->int64(0);
}

std::vector<MonthCount> SqliteStoryStore::published_months() {
    // story_months is kept with every story write: a row per month.
    Lease lease(pool_);
    return read_story_months(lease.db());
}

std::vector<SitemapEntry> SqliteStoryStore::published_between(Timestamp from, Timestamp to,
                                                              int limit, int offset,
                                                              bool newest_first) {
    Lease lease(pool_);
    std::string sql =
        "SELECT s.id, s.slug, sec.slug, s.headline, s.published_at, "
        "max(s.published_at, coalesce(s.content_updated_at, 0)), "
        "m.id, m.path, m.mime, m.width, m.height, m.alt, m.caption, m.credit, m.focal_x, "
        "m.focal_y, m.bytes "
        "FROM stories s JOIN sections sec ON sec.id = s.section_id "
        "LEFT JOIN media m ON m.id = s.hero_media_id "
        "WHERE s.status = 'published' AND s.published_at >= ? AND s.published_at < ? ";
    sql += newest_first ? "ORDER BY s.published_at DESC, s.id DESC "
                        : "ORDER BY s.published_at, s.id ";
    sql += "LIMIT ? OFFSET ?";
    Query q(lease.db(), sql);
    q->bind_all(to_unix(from), to_unix(to), limit, offset);
    std::vector<SitemapEntry> out;
    while (q->step()) {
        SitemapEntry e;
        e.id = q->int64(0);
        e.slug = q->text(1);
        e.section_slug = q->text(2);
        e.headline = q->text(3);
        e.published_at = from_unix(q->int64(4));
        e.modified_at = from_unix(q->int64(5));
        if (!q->is_null(6)) {
            e.hero = read_media_at(*q, 6);
            e.hero->bytes = q->int64(16);
        }
        out.push_back(std::move(e));
    }
    return out;
}

}  // namespace dateline::sqlite

// Published stories with everything their page shows, for any number of
// stories in a fixed handful of statements (ids travel as a JSON array), so
// a feed of twenty items costs about what one story page costs. A single
// story page keeps its own direct lookups (story_store.cpp): json_each
// costs more than it saves for one id.
#include <algorithm>
#include <unordered_map>

#include "store/sqlite/stores.h"

namespace dateline::sqlite {

namespace {

// The rows of the statements below, keyed by what they belong to.
template <class T>
using ById = std::unordered_map<int64_t, T>;
template <class T>
using ListsById = std::unordered_map<int64_t, std::vector<T>>;

ById<Story> read_stories(Database& db, const std::string& ids) {
    // +status: the status index must not replace the lookups by id.
    Query q(db, std::string("SELECT ") + kStoryColumns +
                    " FROM stories WHERE id IN (SELECT value FROM json_each(?)) "
                    "AND +status = 'published'");
    q->bind_all(ids);
    ById<Story> out;
    while (q->step()) {
        Story s = read_story(*q);
        out.emplace(s.id, std::move(s));
    }
    return out;
}

ById<Section> read_sections(Database& db, const std::string& ids) {
    Query q(db,
            "SELECT id, slug, name, description, parent_id, position FROM sections "
            "WHERE id IN (SELECT value FROM json_each(?))");
    q->bind_all(ids);
    ById<Section> out;
    while (q->step())
        out.emplace(q->int64(0), Section{q->int64(0), q->text(1), q->text(2), q->text(3),
                                         q->optional_int64(4), q->integer(5)});
    return out;
}

ListsById<Author> read_authors(Database& db, const std::string& story_ids) {
    Query q(db,
            "SELECT sa.story_id, a.id, a.slug, a.name, a.kind, a.title, a.bio "
            "FROM json_each(?) j CROSS JOIN story_authors sa ON sa.story_id = j.value "
            "JOIN authors a ON a.id = sa.author_id ORDER BY sa.story_id, sa.position");
    q->bind_all(story_ids);
    ListsById<Author> out;
    while (q->step())
        out[q->int64(0)].push_back(Author{
            q->int64(1), q->text(2), q->text(3),
            parse_author_kind(q->text(4)).value_or(AuthorKind::person), q->text(5), q->text(6)});
    return out;
}

ListsById<Tag> read_tags(Database& db, const std::string& story_ids) {
    Query q(db,
            "SELECT st.story_id, t.id, t.slug, t.name, t.description "
            "FROM json_each(?) j CROSS JOIN story_tags st ON st.story_id = j.value "
            "JOIN tags t ON t.id = st.tag_id ORDER BY st.story_id, st.position");
    q->bind_all(story_ids);
    ListsById<Tag> out;
    while (q->step())
        out[q->int64(0)].push_back(Tag{q->int64(1), q->text(2), q->text(3), q->text(4)});
    return out;
}

ListsById<EventHub> read_events(Database& db, const std::string& story_ids) {
    Query q(db,
            "SELECT se.story_id, e.id, e.slug, e.name, e.description, e.position "
            "FROM json_each(?) j CROSS JOIN story_events se ON se.story_id = j.value "
            "JOIN events e ON e.id = se.event_id ORDER BY se.story_id, e.position");
    q->bind_all(story_ids);
    ListsById<EventHub> out;
    while (q->step())
        out[q->int64(0)].push_back(
            EventHub{q->int64(1), q->text(2), q->text(3), q->text(4), q->integer(5)});
    return out;
}

ById<Show> read_shows(Database& db, const std::string& ids) {
    Query q(db,
            "SELECT id, slug, name, description, position FROM shows "
            "WHERE id IN (SELECT value FROM json_each(?))");
    q->bind_all(ids);
    ById<Show> out;
    while (q->step())
        out.emplace(q->int64(0),
                    Show{q->int64(0), q->text(1), q->text(2), q->text(3), q->integer(4)});
    return out;
}

// Media with their bytes and every rendition.
ById<MediaAsset> read_media(Database& db, const std::vector<int64_t>& media_ids) {
    std::string ids = json_id_array(media_ids);
    ById<MediaAsset> out;
    {
        Query q(db,
                "SELECT id, path, mime, width, height, alt, caption, credit, focal_x, focal_y, "
                "bytes FROM media WHERE id IN (SELECT value FROM json_each(?))");
        q->bind_all(ids);
        while (q->step()) {
            MediaAsset m = read_media_at(*q, 0);
            m.bytes = q->int64(10);
            out.emplace(m.id, std::move(m));
        }
    }
    for (auto& [id, renditions] : read_renditions(db, media_ids))
        if (auto m = out.find(id); m != out.end()) m->second.renditions = std::move(renditions);
    return out;
}

}  // namespace

std::string json_id_array(const std::vector<int64_t>& ids) {
    std::string list = "[";
    for (size_t i = 0; i < ids.size(); ++i) {
        if (i) list += ',';
        list += std::to_string(ids[i]);
    }
    list += ']';
    return list;
}

std::unordered_map<int64_t, std::vector<MediaRendition>> read_renditions(
    Database& db, const std::vector<int64_t>& media_ids, std::string_view crop) {
    std::unordered_map<int64_t, std::vector<MediaRendition>> out;
    if (media_ids.empty()) return out;
    // Each asset once: stories often share their hero.
    std::vector<int64_t> unique = media_ids;
    std::sort(unique.begin(), unique.end());
    unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
    // No ORDER BY: the assets are the outer loop (CROSS JOIN) and each one's
    // files come by its primary key, (crop, format, width) in order; a sort
    // would cost more than the read.
    std::string sql =
        "SELECT r.media_id, r.crop, r.format, r.width, r.height, r.path, r.bytes "
        "FROM json_each(?1) j CROSS JOIN media_renditions r ON r.media_id = j.value";
    if (!crop.empty()) sql += " AND r.crop = ?2";
    Query q(db, sql);
    q->bind(1, json_id_array(unique));
    if (!crop.empty()) q->bind(2, crop);
    while (q->step())
        out[q->int64(0)].push_back(MediaRendition{q->text(1), q->text(2), q->integer(3),
                                                  q->integer(4), q->text(5), q->int64(6)});
    return out;
}

std::vector<StoryPage> SqliteStoryStore::published_pages(const std::vector<int64_t>& ids) {
    if (ids.empty()) return {};
    Lease lease(pool_);
    Database& db = lease.db();
    auto stories = read_stories(db, json_id_array(ids));
    if (stories.empty()) return {};

    std::vector<int64_t> found, section_ids, show_ids, media_ids;
    for (const auto& [id, s] : stories) {
        found.push_back(id);
        section_ids.push_back(s.section_id);
        if (s.show_id) show_ids.push_back(*s.show_id);
        if (s.hero_media_id) media_ids.push_back(*s.hero_media_id);
    }
    auto sections = read_sections(db, json_id_array(section_ids));
    std::vector<int64_t> parent_ids;
    for (const auto& [id, section] : sections)
        if (section.parent_id && !sections.count(*section.parent_id))
            parent_ids.push_back(*section.parent_id);
    if (!parent_ids.empty()) sections.merge(read_sections(db, json_id_array(parent_ids)));
    std::string story_ids = json_id_array(found);
    auto authors = read_authors(db, story_ids);
    auto tags = read_tags(db, story_ids);
    auto events = read_events(db, story_ids);
    auto shows = show_ids.empty() ? ById<Show>{} : read_shows(db, json_id_array(show_ids));
    auto media = media_ids.empty() ? ById<MediaAsset>{} : read_media(db, media_ids);

    std::vector<StoryPage> out;
    out.reserve(stories.size());
    for (int64_t id : ids) {
        auto story = stories.find(id);
        if (story == stories.end()) continue;
        StoryPage page;
        page.story = std::move(story->second);
        stories.erase(story);  // a repeated id is shown once, where it first comes
        page.section = sections.at(page.story.section_id);
        if (page.section.parent_id) {
            if (auto p = sections.find(*page.section.parent_id); p != sections.end())
                page.parent_section = p->second;
        }
        auto take = [id](auto& lists) {
            auto it = lists.find(id);
            return it == lists.end() ? decltype(it->second){} : std::move(it->second);
        };
        page.authors = take(authors);
        page.tags = take(tags);
        page.events = take(events);
        if (page.story.show_id) {
            if (auto s = shows.find(*page.story.show_id); s != shows.end()) page.show = s->second;
        }
        if (page.story.hero_media_id) {
            if (auto m = media.find(*page.story.hero_media_id); m != media.end())
                page.hero = m->second;
        }
        out.push_back(std::move(page));
    }
    return out;
}

}  // namespace dateline::sqlite

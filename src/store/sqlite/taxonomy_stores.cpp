#include "model/slug.h"
#include "store/sqlite/editing.h"
#include "store/sqlite/rows.h"
#include "store/sqlite/stores.h"

namespace dateline::sqlite {

namespace {
// Inserts with a prepared statement: a UNIQUE violation is a conflict, a
// reference to something missing is invalid input.
Result<int64_t> insert_checked(Database& db, Statement& s, std::string_view what,
                               std::string_view slug) {
    switch (s.execute_outcome()) {
        case Statement::Outcome::done:
            return db.last_insert_id();
        case Statement::Outcome::unique_violation:
            return Error::conflict(std::string(what) + " '" + std::string(slug) +
                                   "' already exists");
        case Statement::Outcome::foreign_key_violation:
            return Error::invalid("parent_id", std::string(what) + " '" + std::string(slug) +
                                                   "' refers to a parent that does not exist");
        case Statement::Outcome::other_violation:
            break;
    }
    return Error::invalid(std::string(what), std::string(what) + " '" + std::string(slug) +
                                                 "' breaks a rule of the schema");
}
}  // namespace

std::vector<Section> SqliteSectionStore::list() {
    Lease lease(pool_);
    Query q(lease.db(),
            "SELECT s.id, s.slug, s.name, s.description, s.parent_id, s.position, s.version "
            "FROM sections s "
            "LEFT JOIN sections p ON p.id = s.parent_id "
            "ORDER BY COALESCE(p.position, s.position), COALESCE(p.id, s.id), "
            "s.parent_id IS NOT NULL, s.position, s.id");
    std::vector<Section> out;
    while (q->step())
        out.push_back(read_section(*q));
    return out;
}

std::optional<Section> SqliteSectionStore::by_slug(std::string_view slug) {
    Lease lease(pool_);
    Query q(lease.db(), std::string("SELECT ") + kSectionColumns + " FROM sections WHERE slug = ?");
    q->bind_all(slug);
    if (!q->step()) return std::nullopt;
    return read_section(*q);
}

std::optional<Section> SqliteSectionStore::by_id(int64_t id) {
    Lease lease(pool_);
    Query q(lease.db(), std::string("SELECT ") + kSectionColumns + " FROM sections WHERE id = ?");
    q->bind_all(id);
    if (!q->step()) return std::nullopt;
    return read_section(*q);
}

Result<int64_t> SqliteSectionStore::create(const Section& section) {
    if (auto st = check_slug_and_name(section.slug, section.name); !st) return st.error();
    Lease lease(pool_);
    Query q(lease.db(),
            "INSERT INTO sections (slug, name, description, parent_id, position) "
            "VALUES (?, ?, ?, ?, ?)");
    q->bind_all(section.slug, section.name, section.description, section.parent_id,
                section.position);
    return insert_checked(lease.db(), *q, "section", section.slug);
}

std::vector<Author> SqliteAuthorStore::list() {
    Lease lease(pool_);
    Query q(lease.db(), std::string("SELECT ") + kAuthorColumns + " FROM authors ORDER BY name");
    std::vector<Author> out;
    while (q->step())
        out.push_back(read_author(*q));
    return out;
}

std::optional<Author> SqliteAuthorStore::by_slug(std::string_view slug) {
    Lease lease(pool_);
    Query q(lease.db(), std::string("SELECT ") + kAuthorColumns + " FROM authors WHERE slug = ?");
    q->bind_all(slug);
    if (!q->step()) return std::nullopt;
    return read_author(*q);
}

Result<int64_t> SqliteAuthorStore::create(const Author& author) {
    if (auto st = check_slug_and_name(author.slug, author.name); !st) return st.error();
    Lease lease(pool_);
    Query q(lease.db(),
            "INSERT INTO authors (slug, name, kind, title, bio) VALUES (?, ?, ?, ?, ?)");
    q->bind_all(author.slug, author.name, to_string(author.kind), author.title, author.bio);
    return insert_checked(lease.db(), *q, "author", author.slug);
}

std::optional<Tag> SqliteTagStore::by_slug(std::string_view slug) {
    Lease lease(pool_);
    Query q(lease.db(), std::string("SELECT ") + kTagColumns + " FROM tags WHERE slug = ?");
    q->bind_all(slug);
    if (!q->step()) return std::nullopt;
    return read_tag(*q);
}

std::vector<Tag> SqliteTagStore::list() {
    Lease lease(pool_);
    Query q(lease.db(), std::string("SELECT ") + kTagColumns + " FROM tags ORDER BY name");
    std::vector<Tag> out;
    while (q->step())
        out.push_back(read_tag(*q));
    return out;
}

Result<int64_t> SqliteTagStore::create(const Tag& tag) {
    if (auto st = check_slug_and_name(tag.slug, tag.name); !st) return st.error();
    Lease lease(pool_);
    Query q(lease.db(), "INSERT INTO tags (slug, name, description) VALUES (?, ?, ?)");
    q->bind_all(tag.slug, tag.name, tag.description);
    return insert_checked(lease.db(), *q, "tag", tag.slug);
}

std::vector<Tag> SqliteTagStore::trending() {
    Lease lease(pool_);
    Query q(lease.db(),
            "SELECT t.id, t.slug, t.name, t.description, t.version FROM trending_tags tt "
            "JOIN tags t ON t.id = tt.tag_id ORDER BY tt.position");
    std::vector<Tag> out;
    while (q->step())
        out.push_back(read_tag(*q));
    return out;
}

Status SqliteTagStore::set_trending(const std::vector<int64_t>& tag_ids) {
    TransactionScope tx(pool_);
    Lease lease(pool_);
    lease->exec("DELETE FROM trending_tags");
    int position = 0;
    for (int64_t id : tag_ids) {
        Query q(lease.db(), "INSERT INTO trending_tags (position, tag_id) VALUES (?, ?)");
        q->bind_all(position++, id);
        if (!q->execute_checked())
            return Error::invalid("tags", "unknown tag id " + std::to_string(id));
    }
    tx.commit();
    return {};
}

std::vector<Show> SqliteShowStore::list() {
    Lease lease(pool_);
    Query q(lease.db(),
            std::string("SELECT ") + kListedColumns + " FROM shows ORDER BY position, id");
    std::vector<Show> out;
    while (q->step())
        out.push_back(read_listed<Show>(*q));
    return out;
}

std::optional<Show> SqliteShowStore::by_slug(std::string_view slug) {
    Lease lease(pool_);
    Query q(lease.db(), std::string("SELECT ") + kListedColumns + " FROM shows WHERE slug = ?");
    q->bind_all(slug);
    if (!q->step()) return std::nullopt;
    return read_listed<Show>(*q);
}

Result<int64_t> SqliteShowStore::create(const Show& show) {
    if (auto st = check_slug_and_name(show.slug, show.name); !st) return st.error();
    Lease lease(pool_);
    Query q(lease.db(),
            "INSERT INTO shows (slug, name, description, position) VALUES (?, ?, ?, ?)");
    q->bind_all(show.slug, show.name, show.description, show.position);
    return insert_checked(lease.db(), *q, "show", show.slug);
}

std::vector<EventHub> SqliteEventStore::list() {
    Lease lease(pool_);
    Query q(lease.db(),
            std::string("SELECT ") + kListedColumns + " FROM events ORDER BY position, id");
    std::vector<EventHub> out;
    while (q->step())
        out.push_back(read_listed<EventHub>(*q));
    return out;
}

std::optional<EventHub> SqliteEventStore::by_slug(std::string_view slug) {
    Lease lease(pool_);
    Query q(lease.db(), std::string("SELECT ") + kListedColumns + " FROM events WHERE slug = ?");
    q->bind_all(slug);
    if (!q->step()) return std::nullopt;
    return read_listed<EventHub>(*q);
}

Result<int64_t> SqliteEventStore::create(const EventHub& event) {
    if (auto st = check_slug_and_name(event.slug, event.name); !st) return st.error();
    Lease lease(pool_);
    Query q(lease.db(),
            "INSERT INTO events (slug, name, description, position) VALUES (?, ?, ?, ?)");
    q->bind_all(event.slug, event.name, event.description, event.position);
    return insert_checked(lease.db(), *q, "event", event.slug);
}

}  // namespace dateline::sqlite

#include "model/slug.h"
#include "store/sqlite/stores.h"

namespace dateline::sqlite {

namespace {
Section read_section(Statement& s) {
    Section out;
    out.id = s.int64(0);
    out.slug = s.text(1);
    out.name = s.text(2);
    out.description = s.text(3);
    out.parent_id = s.optional_int64(4);
    out.position = s.integer(5);
    return out;
}

Status check_slug_and_name(std::string_view slug, std::string_view name) {
    if (!is_valid_slug(slug))
        return Error::invalid("slug", "slug '" + std::string(slug) +
                                          "' must be lower-case letters, digits and hyphens");
    if (name.empty()) return Error::invalid("name", "name must not be empty");
    return {};
}

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
            "SELECT s.id, s.slug, s.name, s.description, s.parent_id, s.position FROM sections s "
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
    Query q(lease.db(),
            "SELECT id, slug, name, description, parent_id, position FROM sections WHERE slug = ?");
    q->bind_all(slug);
    if (!q->step()) return std::nullopt;
    return read_section(*q);
}

std::optional<Section> SqliteSectionStore::by_id(int64_t id) {
    Lease lease(pool_);
    Query q(lease.db(),
            "SELECT id, slug, name, description, parent_id, position FROM sections WHERE id = ?");
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

namespace {
Author read_author(Statement& s) {
    Author out;
    out.id = s.int64(0);
    out.slug = s.text(1);
    out.name = s.text(2);
    out.kind = parse_author_kind(s.text(3)).value_or(AuthorKind::person);
    out.title = s.text(4);
    out.bio = s.text(5);
    return out;
}
}  // namespace

std::vector<Author> SqliteAuthorStore::list() {
    Lease lease(pool_);
    Query q(lease.db(), "SELECT id, slug, name, kind, title, bio FROM authors ORDER BY name");
    std::vector<Author> out;
    while (q->step())
        out.push_back(read_author(*q));
    return out;
}

std::optional<Author> SqliteAuthorStore::by_slug(std::string_view slug) {
    Lease lease(pool_);
    Query q(lease.db(), "SELECT id, slug, name, kind, title, bio FROM authors WHERE slug = ?");
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

namespace {
Tag read_tag(Statement& s) {
    return Tag{s.int64(0), s.text(1), s.text(2), s.text(3)};
}
}  // namespace

std::optional<Tag> SqliteTagStore::by_slug(std::string_view slug) {
    Lease lease(pool_);
    Query q(lease.db(), "SELECT id, slug, name, description FROM tags WHERE slug = ?");
    q->bind_all(slug);
    if (!q->step()) return std::nullopt;
    return read_tag(*q);
}

std::vector<Tag> SqliteTagStore::list() {
    Lease lease(pool_);
    Query q(lease.db(), "SELECT id, slug, name, description FROM tags ORDER BY name");
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
            "SELECT t.id, t.slug, t.name, t.description FROM trending_tags tt "
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

namespace {
template <class T>
T read_listed(Statement& s) {
    return T{s.int64(0), s.text(1), s.text(2), s.text(3), s.integer(4)};
}
}  // namespace

std::vector<Show> SqliteShowStore::list() {
    Lease lease(pool_);
    Query q(lease.db(),
            "SELECT id, slug, name, description, position FROM shows ORDER BY position, id");
    std::vector<Show> out;
    while (q->step())
        out.push_back(read_listed<Show>(*q));
    return out;
}

std::optional<Show> SqliteShowStore::by_slug(std::string_view slug) {
    Lease lease(pool_);
    Query q(lease.db(), "SELECT id, slug, name, description, position FROM shows WHERE slug = ?");
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
            "SELECT id, slug, name, description, position FROM events ORDER BY position, id");
    std::vector<EventHub> out;
    while (q->step())
        out.push_back(read_listed<EventHub>(*q));
    return out;
}

std::optional<EventHub> SqliteEventStore::by_slug(std::string_view slug) {
    Lease lease(pool_);
    Query q(lease.db(), "SELECT id, slug, name, description, position FROM events WHERE slug = ?");
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

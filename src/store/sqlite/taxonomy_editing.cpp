// The newsroom's editing of sections, authors, tags, shows and event hubs:
// versioned updates, guarded removal and paged lists (store/store.h).
#include "store/sqlite/editing.h"
#include "store/sqlite/rows.h"
#include "store/sqlite/stores.h"

namespace dateline::sqlite {

namespace {
const Listing kSectionListing{kSectionColumns,
                              "sections",
                              {"name", "slug"},
                              {{"position", "position"}, {"name", "name"}, {"slug", "slug"}},
                              "",
                              "id"};
const Listing kAuthorListing{
    kAuthorColumns, "authors", {"name", "slug"}, {{"name", "name"}, {"slug", "slug"}}, "", "id"};
const Listing kTagListing{
    kTagColumns, "tags", {"name", "slug"}, {{"name", "name"}, {"slug", "slug"}}, "", "id"};
Listing listed(std::string_view table) {
    return Listing{kListedColumns,
                   table,
                   {"name", "slug"},
                   {{"position", "position"}, {"name", "name"}, {"slug", "slug"}},
                   "",
                   "id"};
}
const Listing kShowListing = listed("shows");
const Listing kEventListing = listed("events");

// A parent that is the section itself or one of its descendants would make
// a loop the navigation never leaves.
Status check_parent(Database& db, const Section& section) {
    if (!section.parent_id) return {};
    std::optional<int64_t> at = section.parent_id;
    for (int depth = 0; at; ++depth) {
        if (*at == section.id || depth > 100)
            return Error::invalid("parent_id", "section '" + section.slug +
                                                   "' cannot be nested inside itself or one of "
                                                   "its own subsections");
        Query q(db, "SELECT parent_id FROM sections WHERE id = ?");
        q->bind_all(*at);
        if (!q->step())
            return Error::invalid("parent_id", "no section " + std::to_string(*at) +
                                                   " to nest section '" + section.slug + "' in");
        at = q->optional_int64(0);
    }
    return {};
}

// Shows and event hubs share their shape and their update.
template <class T>
Status update_listed(ConnectionPool& pool, std::string_view table, std::string_view what,
                     const T& x) {
    if (auto st = check_slug_and_name(x.slug, x.name); !st) return st;
    Lease lease(pool);
    Query q(lease.db(), "UPDATE " + std::string(table) +
                            " SET slug = ?, name = ?, description = ?, position = ?, "
                            "version = version + 1 WHERE id = ? AND version = ?");
    q->bind_all(x.slug, x.name, x.description, x.position, x.id, x.version);
    return finish_update(lease.db(), *q, {table, what, x.id, x.slug, what});
}

// Removes a row that nothing (or only link rows) refers to.
Status remove_plain(ConnectionPool& pool, std::string_view table, std::string_view what,
                    int64_t id) {
    TransactionScope tx(pool);
    Lease lease(pool);
    if (auto st = delete_by_id(lease.db(), table, what, id); !st) return st;
    tx.commit();
    return {};
}

// Removes a row unless rows of used_by.table refer to it by used_by.column.
struct Users {
    std::string_view table;
    std::string_view column;
    std::string_view noun;  // "stories", "subsections", ...
};
Status remove_unless_used(ConnectionPool& pool, std::string_view table, std::string_view what,
                          int64_t id, std::initializer_list<Users> users) {
    TransactionScope tx(pool);
    Lease lease(pool);
    auto slug = slug_of(lease.db(), table, what, id);
    if (!slug) return slug.error();
    for (const auto& u : users) {
        auto n = count_where(lease.db(), u.table, u.column, id);
        if (auto st = refuse_when_used(n, std::string(what) + " '" + *slug + "'", u.noun); !st)
            return st;
    }
    if (auto st = delete_by_id(lease.db(), table, what, id); !st) return st;
    tx.commit();
    return {};
}
}  // namespace

Status SqliteSectionStore::update(const Section& section) {
    if (auto st = check_slug_and_name(section.slug, section.name); !st) return st;
    TransactionScope tx(pool_);
    Lease lease(pool_);
    if (auto st = check_parent(lease.db(), section); !st) return st;
    Query q(lease.db(),
            "UPDATE sections SET slug = ?, name = ?, description = ?, parent_id = ?, "
            "position = ?, version = version + 1 WHERE id = ? AND version = ?");
    q->bind_all(section.slug, section.name, section.description, section.parent_id,
                section.position, section.id, section.version);
    if (auto st = finish_update(lease.db(), *q,
                                {"sections", "section", section.id, section.slug, "parent_id"});
        !st)
        return st;
    tx.commit();
    return {};
}

Status SqliteSectionStore::remove(int64_t id) {
    return remove_unless_used(
        pool_, "sections", "section", id,
        {{"stories", "section_id", "stories"}, {"sections", "parent_id", "subsections"}});
}

Result<Paged<Section>> SqliteSectionStore::page(const ListQuery& query) {
    Lease lease(pool_);
    return run_listing<Section>(lease.db(), kSectionListing, query, read_section);
}

std::optional<Author> SqliteAuthorStore::by_id(int64_t id) {
    return find_by_id<Author>(pool_, kAuthorColumns, "authors", id, read_author);
}

Status SqliteAuthorStore::update(const Author& author) {
    if (auto st = check_slug_and_name(author.slug, author.name); !st) return st;
    Lease lease(pool_);
    Query q(lease.db(),
            "UPDATE authors SET slug = ?, name = ?, kind = ?, title = ?, bio = ?, "
            "version = version + 1 WHERE id = ? AND version = ?");
    q->bind_all(author.slug, author.name, to_string(author.kind), author.title, author.bio,
                author.id, author.version);
    return finish_update(lease.db(), *q, {"authors", "author", author.id, author.slug, "kind"});
}

Status SqliteAuthorStore::remove(int64_t id) {
    return remove_unless_used(pool_, "authors", "author", id,
                              {{"story_authors", "author_id", "story bylines"}});
}

Result<Paged<Author>> SqliteAuthorStore::page(const ListQuery& query) {
    Lease lease(pool_);
    return run_listing<Author>(lease.db(), kAuthorListing, query, read_author);
}

std::optional<Tag> SqliteTagStore::by_id(int64_t id) {
    return find_by_id<Tag>(pool_, kTagColumns, "tags", id, read_tag);
}

Status SqliteTagStore::update(const Tag& tag) {
    if (auto st = check_slug_and_name(tag.slug, tag.name); !st) return st;
    Lease lease(pool_);
    Query q(lease.db(),
            "UPDATE tags SET slug = ?, name = ?, description = ?, version = version + 1 "
            "WHERE id = ? AND version = ?");
    q->bind_all(tag.slug, tag.name, tag.description, tag.id, tag.version);
    return finish_update(lease.db(), *q, {"tags", "tag", tag.id, tag.slug, "tag"});
}

Status SqliteTagStore::remove(int64_t id) {
    // story_tags and trending_tags rows go with it (ON DELETE CASCADE).
    return remove_plain(pool_, "tags", "tag", id);
}

Result<Paged<Tag>> SqliteTagStore::page(const ListQuery& query) {
    Lease lease(pool_);
    return run_listing<Tag>(lease.db(), kTagListing, query, read_tag);
}

std::optional<Show> SqliteShowStore::by_id(int64_t id) {
    return find_by_id<Show>(pool_, kListedColumns, "shows", id, read_listed<Show>);
}

Status SqliteShowStore::update(const Show& show) {
    return update_listed(pool_, "shows", "show", show);
}

Status SqliteShowStore::remove(int64_t id) {
    // Episodes are stories with this show_id; the foreign key would quietly
    // detach them (SET NULL), so a show with episodes stays.
    return remove_unless_used(pool_, "shows", "show", id, {{"stories", "show_id", "episodes"}});
}

Result<Paged<Show>> SqliteShowStore::page(const ListQuery& query) {
    Lease lease(pool_);
    return run_listing<Show>(lease.db(), kShowListing, query, read_listed<Show>);
}

std::optional<EventHub> SqliteEventStore::by_id(int64_t id) {
    return find_by_id<EventHub>(pool_, kListedColumns, "events", id, read_listed<EventHub>);
}

Status SqliteEventStore::update(const EventHub& event) {
    return update_listed(pool_, "events", "event", event);
}

Status SqliteEventStore::remove(int64_t id) {
    // story_events rows go with it (ON DELETE CASCADE).
    return remove_plain(pool_, "events", "event", id);
}

Result<Paged<EventHub>> SqliteEventStore::page(const ListQuery& query) {
    Lease lease(pool_);
    return run_listing<EventHub>(lease.db(), kEventListing, query, read_listed<EventHub>);
}

}  // namespace dateline::sqlite

// Curated collections (Top Stories, homepage slots) and redirects: what the
// site reads and what the newsroom edits.
#include "model/slug.h"
#include "store/sqlite/editing.h"
#include "store/sqlite/stores.h"

namespace dateline::sqlite {

namespace {
const Listing kCollectionListing{"id, slug, name, version",
                                 "collections",
                                 {"name", "slug"},
                                 {{"name", "name"}, {"slug", "slug"}},
                                 "",
                                 "id"};

const Listing kRedirectListing{
    "from_path, to_path, status, version",
    "redirects",
    {"from_path", "to_path"},
    {{"from_path", "from_path"}, {"to_path", "to_path"}, {"status", "status"}},
    "",
    "from_path"};

Status check_collection(const Collection& c) {
    if (!is_valid_slug(c.slug))
        return Error::invalid("slug", "slug must be lower-case letters, digits and hyphens");
    if (c.name.empty()) return Error::invalid("name", "name must not be empty");
    return {};
}

// Replaces the items of collection id; position is the index in items.
Status write_items(Database& db, int64_t id, const std::vector<CollectionItem>& items) {
    {
        Query q(db, "DELETE FROM collection_items WHERE collection_id = ?");
        q->bind_all(id);
        q->execute();
    }
    int position = 0;
    for (const auto& item : items) {
        Query q(db,
                "INSERT INTO collection_items (collection_id, story_id, position, pinned, "
                "expires_at) VALUES (?, ?, ?, ?, ?)");
        q->bind_all(id, item.story_id, position++, item.pinned ? 1 : 0, to_unix(item.expires_at));
        if (!q->execute_checked())
            return Error::invalid("items",
                                  "unknown or repeated story " + std::to_string(item.story_id));
    }
    return {};
}

// The items of collection id, pinned first, then by position; expired ones
// only when now is empty.
std::vector<CollectionItem> read_items(Database& db, int64_t id, std::optional<Timestamp> now) {
    Query q(db,
            "SELECT story_id, position, pinned, expires_at FROM collection_items "
            "WHERE collection_id = ?1 AND (?2 IS NULL OR expires_at IS NULL OR expires_at > ?2) "
            "ORDER BY pinned DESC, position");
    q->bind_all(id, to_unix(now));
    std::vector<CollectionItem> items;
    while (q->step()) {
        CollectionItem item{q->int64(0), q->integer(1), q->integer(2) != 0, std::nullopt};
        if (!q->is_null(3)) item.expires_at = from_unix(q->int64(3));
        items.push_back(item);
    }
    return items;
}

Collection read_collection(Statement& q) {
    Collection c;
    c.id = q.int64(0);
    c.slug = q.text(1);
    c.name = q.text(2);
    c.version = q.int64(3);
    return c;
}

bool is_redirect_status(int status) {
    return status == 301 || status == 302 || status == 307 || status == 308 || status == 410;
}

Status check_redirect(const Redirect& r) {
    if (r.from_path.empty() || r.from_path.front() != '/')
        return Error::invalid("from_path", "a redirect starts from a path beginning with /");
    if (!is_redirect_status(r.status))
        return Error::invalid("status", "unsupported redirect status " + std::to_string(r.status) +
                                            "; use 301, 302, 307, 308 or 410");
    bool gone = r.status == 410;
    if (!(gone && r.to_path.empty()) && (r.to_path.empty() || r.to_path.front() != '/'))
        return Error::invalid("to_path", "a redirect goes to a path beginning with /");
    if (r.from_path == r.to_path) return Error::invalid("to_path", "a redirect cannot loop");
    return {};
}
}  // namespace

std::optional<Collection> SqliteCollectionStore::by_slug(std::string_view slug, Timestamp now) {
    Lease lease(pool_);
    Collection c;
    {
        Query q(lease.db(), "SELECT id, slug, name, version FROM collections WHERE slug = ?");
        q->bind_all(slug);
        if (!q->step()) return std::nullopt;
        c = read_collection(*q);
    }
    c.items = read_items(lease.db(), c.id, now);
    return c;
}

std::vector<std::string> SqliteCollectionStore::expiring_between(Timestamp after, Timestamp until) {
    Lease lease(pool_);
    Query q(lease.db(),
            "SELECT DISTINCT c.slug FROM collection_items i "
            "JOIN collections c ON c.id = i.collection_id "
            "WHERE i.expires_at > ? AND i.expires_at <= ? ORDER BY c.slug");
    q->bind_all(to_unix(after), to_unix(until));
    std::vector<std::string> slugs;
    while (q->step())
        slugs.push_back(q->text(0));
    return slugs;
}

std::optional<Collection> SqliteCollectionStore::by_id(int64_t id) {
    Lease lease(pool_);
    Collection c;
    {
        Query q(lease.db(), "SELECT id, slug, name, version FROM collections WHERE id = ?");
        q->bind_all(id);
        if (!q->step()) return std::nullopt;
        c = read_collection(*q);
    }
    c.items = read_items(lease.db(), c.id, std::nullopt);
    return c;
}

Status SqliteCollectionStore::put(const Collection& c) {
    if (!is_valid_slug(c.slug))
        return Error::invalid("slug", "slug must be lower-case letters, digits and hyphens");
    TransactionScope tx(pool_);
    Lease lease(pool_);
    {
        Query q(lease.db(),
                "INSERT INTO collections (slug, name) VALUES (?, ?) "
                "ON CONFLICT (slug) DO UPDATE SET name = excluded.name, "
                "version = collections.version + 1");
        q->bind_all(c.slug, c.name);
        q->execute();
    }
    int64_t id = 0;
    {
        Query q(lease.db(), "SELECT id FROM collections WHERE slug = ?");
        q->bind_all(c.slug);
        q->step();
        id = q->int64(0);
    }
    if (auto st = write_items(lease.db(), id, c.items); !st) return st;
    tx.commit();
    return {};
}

Result<int64_t> SqliteCollectionStore::create(const Collection& c) {
    if (auto st = check_collection(c); !st) return st.error();
    TransactionScope tx(pool_);
    Lease lease(pool_);
    Query q(lease.db(), "INSERT INTO collections (slug, name) VALUES (?, ?)");
    q->bind_all(c.slug, c.name);
    if (!q->execute_checked()) return Error::conflict("slug '" + c.slug + "' is taken");
    int64_t id = lease->last_insert_id();
    if (auto st = write_items(lease.db(), id, c.items); !st) return st.error();
    tx.commit();
    return id;
}

Status SqliteCollectionStore::update(const Collection& c) {
    if (auto st = check_collection(c); !st) return st;
    TransactionScope tx(pool_);
    Lease lease(pool_);
    Query q(lease.db(),
            "UPDATE collections SET slug = ?, name = ?, version = version + 1 "
            "WHERE id = ? AND version = ?");
    q->bind_all(c.slug, c.name, c.id, c.version);
    if (auto st = finish_update(lease.db(), *q, {"collections", "collection", c.id, c.slug, "id"});
        !st)
        return st;
    if (auto st = write_items(lease.db(), c.id, c.items); !st) return st;
    tx.commit();
    return {};
}

Status SqliteCollectionStore::remove(int64_t id) {
    // Its collection_items rows go with it (ON DELETE CASCADE).
    TransactionScope tx(pool_);
    Lease lease(pool_);
    if (auto st = delete_by_id(lease.db(), "collections", "collection", id); !st) return st;
    tx.commit();
    return {};
}

Result<Paged<Collection>> SqliteCollectionStore::page(const ListQuery& query) {
    Lease lease(pool_);
    return run_listing<Collection>(lease.db(), kCollectionListing, query, read_collection);
}

std::optional<Redirect> SqliteRedirectStore::find(std::string_view from_path) {
    Lease lease(pool_);
    Query q(lease.db(),
            "SELECT from_path, to_path, status, version FROM redirects WHERE from_path = ?");
    q->bind_all(from_path);
    if (!q->step()) return std::nullopt;
    return Redirect{q->text(0), q->text(1), q->integer(2), q->int64(3)};
}

Status SqliteRedirectStore::put(const Redirect& r) {
    if (auto st = check_redirect(r); !st) return st;
    Lease lease(pool_);
    if (r.version == 0) {
        Query q(lease.db(),
                "INSERT INTO redirects (from_path, to_path, status) VALUES (?, ?, ?) "
                "ON CONFLICT (from_path) DO UPDATE SET to_path = excluded.to_path, "
                "status = excluded.status, version = redirects.version + 1");
        q->bind_all(r.from_path, r.to_path, r.status);
        if (!q->execute_checked()) return Error::invalid("status", "unsupported redirect status");
        return {};
    }
    Query q(lease.db(),
            "UPDATE redirects SET to_path = ?, status = ?, version = version + 1 "
            "WHERE from_path = ? AND version = ?");
    q->bind_all(r.to_path, r.status, r.from_path, r.version);
    if (!q->execute_checked()) return Error::invalid("status", "unsupported redirect status");
    if (lease->changes() > 0) return {};
    Query v(lease.db(), "SELECT version FROM redirects WHERE from_path = ?");
    v->bind_all(r.from_path);
    if (!v->step()) return Error::not_found("no redirect from " + r.from_path);
    return Error::conflict("redirect from " + r.from_path +
                           " was changed by someone else (version " + std::to_string(v->int64(0)) +
                           ")");
}

Status SqliteRedirectStore::remove(std::string_view from_path) {
    Lease lease(pool_);
    Query q(lease.db(), "DELETE FROM redirects WHERE from_path = ?");
    q->bind_all(from_path);
    q->execute();
    if (lease->changes() == 0)
        return Error::not_found("no redirect from " + std::string(from_path));
    return {};
}

Result<Paged<Redirect>> SqliteRedirectStore::page(const ListQuery& query) {
    Lease lease(pool_);
    return run_listing<Redirect>(lease.db(), kRedirectListing, query, [](Statement& q) {
        return Redirect{q.text(0), q.text(1), q.integer(2), q.int64(3)};
    });
}

}  // namespace dateline::sqlite

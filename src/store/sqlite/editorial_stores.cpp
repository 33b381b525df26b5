#include "model/slug.h"
#include "store/sqlite/stores.h"
#include "util/strings.h"

namespace dateline::sqlite {

namespace {
MediaAsset read_media(Statement& q) {
    MediaAsset m;
    m.id = q.int64(0);
    m.path = q.text(1);
    m.mime = q.text(2);
    m.width = q.integer(3);
    m.height = q.integer(4);
    m.bytes = q.int64(5);
    m.alt = q.text(6);
    m.caption = q.text(7);
    m.credit = q.text(8);
    m.focal_x = q.real(9);
    m.focal_y = q.real(10);
    m.created_at = from_unix(q.int64(11));
    return m;
}

bool is_safe_media_path(std::string_view path) {
    return !path.empty() && path.find("..") == std::string_view::npos && path.front() != '/';
}
}  // namespace

std::vector<MediaRendition> load_renditions(Database& db, int64_t media_id) {
    Query q(db,
            "SELECT crop, format, width, height, path, bytes FROM media_renditions "
            "WHERE media_id = ? ORDER BY crop, format, width");
    q->bind_all(media_id);
    std::vector<MediaRendition> out;
    while (q->step())
        out.push_back(MediaRendition{q->text(0), q->text(1), q->integer(2), q->integer(3),
                                     q->text(4), q->int64(5)});
    return out;
}

std::optional<MediaAsset> SqliteMediaStore::by_id(int64_t id) {
    Lease lease(pool_);
    Query q(lease.db(),
            "SELECT id, path, mime, width, height, bytes, alt, caption, credit, focal_x, focal_y, "
            "created_at FROM media WHERE id = ?");
    q->bind_all(id);
    if (!q->step()) return std::nullopt;
    MediaAsset asset = read_media(*q);
    asset.renditions = load_renditions(lease.db(), asset.id);
    return asset;
}

std::optional<MediaAsset> SqliteMediaStore::by_path(std::string_view path) {
    Lease lease(pool_);
    Query q(lease.db(),
            "SELECT id, path, mime, width, height, bytes, alt, caption, credit, focal_x, focal_y, "
            "created_at FROM media WHERE path = ?");
    q->bind_all(path);
    if (!q->step()) return std::nullopt;
    MediaAsset asset = read_media(*q);
    asset.renditions = load_renditions(lease.db(), asset.id);
    return asset;
}

Result<int64_t> SqliteMediaStore::create(const MediaAsset& m) {
    if (!is_safe_media_path(m.path))
        return Error::invalid("path", "media path must be relative and stay in the media folder");
    for (const auto& r : m.renditions)
        if (!is_safe_media_path(r.path))
            return Error::invalid("renditions",
                                  "rendition path must be relative and stay in the media folder");
    if (m.width <= 0 || m.height <= 0) return Error::invalid("width", "image size is unknown");
    if (m.focal_x < 0 || m.focal_x > 1 || m.focal_y < 0 || m.focal_y > 1)
        return Error::invalid("focal_x", "focal point must lie within the image (0..1)");
    TransactionScope tx(pool_);
    Lease lease(pool_);
    Query q(lease.db(),
            "INSERT INTO media (path, mime, width, height, bytes, alt, caption, credit, focal_x, "
            "focal_y, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q->bind_all(m.path, m.mime, m.width, m.height, m.bytes, m.alt, m.caption, m.credit, m.focal_x,
                m.focal_y, to_unix(m.created_at));
    if (!q->execute_checked()) return Error::conflict("media path " + m.path + " already exists");
    int64_t id = lease->last_insert_id();
    for (const auto& r : m.renditions) {
        Query ins(lease.db(),
                  "INSERT INTO media_renditions (media_id, crop, format, width, height, path, "
                  "bytes) VALUES (?, ?, ?, ?, ?, ?, ?)");
        ins->bind_all(id, r.crop, r.format, r.width, r.height, r.path, r.bytes);
        if (!ins->execute_checked())
            return Error::invalid("renditions", "rendition " + r.path +
                                                    " repeats another or has an unknown crop, "
                                                    "format or size");
    }
    tx.commit();
    return id;
}

std::vector<Short> SqliteShortStore::latest(int limit) {
    Lease lease(pool_);
    Query q(lease.db(),
            "SELECT sh.id, sh.story_id, sh.headline, sh.summary, sh.published_at, s.slug, "
            "sec.slug, s.hero_media_id FROM shorts sh "
            "LEFT JOIN stories s ON s.id = sh.story_id AND s.status = 'published' "
            "LEFT JOIN sections sec ON sec.id = s.section_id "
            "ORDER BY sh.published_at DESC, sh.id DESC LIMIT ?");
    q->bind_all(limit);
    std::vector<Short> out;
    while (q->step()) {
        Short s;
        s.id = q->int64(0);
        s.story_id = q->optional_int64(1);
        s.headline = q->text(2);
        s.summary = q->text(3);
        s.published_at = from_unix(q->int64(4));
        if (!q->is_null(5)) s.story_path = story_path(q->text(6), q->text(5), *s.story_id);
        s.hero_media_id = q->optional_int64(7);
        out.push_back(std::move(s));
    }
    return out;
}

Result<int64_t> SqliteShortStore::create(const Short& item) {
    if (trim(item.headline).empty()) return Error::invalid("headline", "headline is required");
    if (trim(item.summary).empty()) return Error::invalid("summary", "summary is required");
    int words = count_words(item.summary);
    if (words > kMaxShortWords)
        return Error::invalid("summary", "a short has at most " + std::to_string(kMaxShortWords) +
                                             " words; this one has " + std::to_string(words));
    Lease lease(pool_);
    Query q(lease.db(),
            "INSERT INTO shorts (story_id, headline, summary, published_at) VALUES (?, ?, ?, ?)");
    q->bind_all(item.story_id, item.headline, item.summary, to_unix(item.published_at));
    if (!q->execute_checked()) return Error::invalid("story_id", "unknown story");
    return lease->last_insert_id();
}

namespace {
StaticPage read_page(Statement& s) {
    return StaticPage{s.int64(0), s.text(1), s.text(2),
                      s.text(3),  s.text(4), from_unix(s.int64(5))};
}
}  // namespace

std::optional<StaticPage> SqlitePageStore::by_slug(std::string_view slug) {
    Lease lease(pool_);
    Query q(lease.db(),
            "SELECT id, slug, title, body_source, body_html, updated_at FROM pages WHERE slug = ?");
    q->bind_all(slug);
    if (!q->step()) return std::nullopt;
    return read_page(*q);
}

std::vector<StaticPage> SqlitePageStore::list() {
    Lease lease(pool_);
    Query q(lease.db(),
            "SELECT id, slug, title, body_source, body_html, updated_at FROM pages ORDER BY id");
    std::vector<StaticPage> out;
    while (q->step())
        out.push_back(read_page(*q));
    return out;
}

Result<int64_t> SqlitePageStore::create(const StaticPage& page) {
    if (!is_valid_slug(page.slug))
        return Error::invalid("slug", "slug must be lower-case letters, digits and hyphens");
    if (trim(page.title).empty()) return Error::invalid("title", "title is required");
    Lease lease(pool_);
    Query q(lease.db(),
            "INSERT INTO pages (slug, title, body_source, body_html, updated_at) "
            "VALUES (?, ?, ?, ?, ?)");
    q->bind_all(page.slug, page.title, page.body_source, page.body_html, to_unix(page.updated_at));
    if (!q->execute_checked()) return Error::conflict("page '" + page.slug + "' already exists");
    return lease->last_insert_id();
}

std::optional<Collection> SqliteCollectionStore::by_slug(std::string_view slug, Timestamp now) {
    Lease lease(pool_);
    Collection c;
    {
        Query q(lease.db(), "SELECT id, slug, name FROM collections WHERE slug = ?");
        q->bind_all(slug);
        if (!q->step()) return std::nullopt;
        c.id = q->int64(0);
        c.slug = q->text(1);
        c.name = q->text(2);
    }
    Query q(lease.db(),
            "SELECT story_id, position, pinned, expires_at FROM collection_items "
            "WHERE collection_id = ? AND (expires_at IS NULL OR expires_at > ?) "
            "ORDER BY pinned DESC, position");
    q->bind_all(c.id, to_unix(now));
    while (q->step()) {
        CollectionItem item{q->int64(0), q->integer(1), q->integer(2) != 0, std::nullopt};
        if (!q->is_null(3)) item.expires_at = from_unix(q->int64(3));
        c.items.push_back(item);
    }
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
                "ON CONFLICT (slug) DO UPDATE SET name = excluded.name");
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
    {
        Query q(lease.db(), "DELETE FROM collection_items WHERE collection_id = ?");
        q->bind_all(id);
        q->execute();
    }
    int position = 0;
    for (const auto& item : c.items) {
        Query q(lease.db(),
                "INSERT INTO collection_items (collection_id, story_id, position, pinned, "
                "expires_at) VALUES (?, ?, ?, ?, ?)");
        q->bind_all(id, item.story_id, position++, item.pinned ? 1 : 0, to_unix(item.expires_at));
        if (!q->execute_checked())
            return Error::invalid("items",
                                  "unknown or repeated story " + std::to_string(item.story_id));
    }
    tx.commit();
    return {};
}

std::optional<Redirect> SqliteRedirectStore::find(std::string_view from_path) {
    Lease lease(pool_);
    Query q(lease.db(), "SELECT from_path, to_path, status FROM redirects WHERE from_path = ?");
    q->bind_all(from_path);
    if (!q->step()) return std::nullopt;
    return Redirect{q->text(0), q->text(1), q->integer(2)};
}

Status SqliteRedirectStore::put(const Redirect& r) {
    if (r.from_path.empty() || r.from_path.front() != '/')
        return Error::invalid("from_path", "a redirect starts from a path beginning with /");
    if (r.from_path == r.to_path) return Error::invalid("to_path", "a redirect cannot loop");
    Lease lease(pool_);
    Query q(lease.db(),
            "INSERT INTO redirects (from_path, to_path, status) VALUES (?, ?, ?) "
            "ON CONFLICT (from_path) DO UPDATE SET to_path = excluded.to_path, "
            "status = excluded.status");
    q->bind_all(r.from_path, r.to_path, r.status);
    if (!q->execute_checked()) return Error::invalid("status", "unsupported redirect status");
    return {};
}

Result<int64_t> SqliteUserStore::create(const User& u) {
    if (u.email.find('@') == std::string::npos || u.email.size() > 254)
        return Error::invalid("email", "'" + u.email + "' is not an e-mail address");
    if (trim(u.name).empty()) return Error::invalid("name", "name is required");
    Lease lease(pool_);
    Query q(lease.db(),
            "INSERT INTO users (email, name, role, password_hash, disabled, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)");
    q->bind_all(u.email, u.name, to_string(u.role), u.password_hash, u.disabled ? 1 : 0,
                to_unix(u.created_at));
    if (!q->execute_checked()) return Error::conflict("a user with e-mail " + u.email + " exists");
    return lease->last_insert_id();
}

std::optional<User> SqliteUserStore::by_email(std::string_view email) {
    Lease lease(pool_);
    Query q(lease.db(),
            "SELECT id, email, name, role, password_hash, disabled, created_at FROM users "
            "WHERE email = ?");
    q->bind_all(email);
    if (!q->step()) return std::nullopt;
    User u;
    u.id = q->int64(0);
    u.email = q->text(1);
    u.name = q->text(2);
    u.role = parse_role(q->text(3)).value_or(Role::contributor);
    u.password_hash = q->text(4);
    u.disabled = q->integer(5) != 0;
    u.created_at = from_unix(q->int64(6));
    return u;
}

int64_t SqliteUserStore::count() {
    Lease lease(pool_);
    Query q(lease.db(), "SELECT count(*) FROM users");
    q->step();
    return q->int64(0);
}

std::vector<std::pair<std::string, std::string>> SqliteSettingsStore::all() {
    Lease lease(pool_);
    Query q(lease.db(), "SELECT key, value FROM settings ORDER BY key");
    std::vector<std::pair<std::string, std::string>> out;
    while (q->step())
        out.emplace_back(q->text(0), q->text(1));
    return out;
}

Status SqliteSettingsStore::set(std::string_view key, std::string_view value) {
    if (key.empty() || key.size() > 100)
        return Error::invalid("key", "setting key is empty or long");
    Lease lease(pool_);
    Query q(lease.db(),
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    q->bind_all(key, value);
    q->execute();
    return {};
}

Status SqliteChangeLog::append(const std::vector<std::string>& keys) {
    Lease lease(pool_);
    Query q(lease.db(), "INSERT INTO changes (keys, at) VALUES (?, strftime('%s','now'))");
    q->bind_all(join(keys, " "));
    q->execute();
    return {};
}

bool SqliteChangeLog::maybe_changed() {
    std::lock_guard lock(watch_mutex_);
    if (!watch_db_) watch_db_ = std::make_unique<Database>(pool_.path());
    Query q(*watch_db_, "PRAGMA data_version");
    q->step();
    int64_t version = q->int64(0);
    bool changed = version != last_data_version_;
    last_data_version_ = version;
    return changed;
}

int64_t SqliteChangeLog::last_seq() {
    Lease lease(pool_);
    Query q(lease.db(), "SELECT COALESCE(max(seq), 0) FROM changes");
    q->step();
    return q->int64(0);
}

std::vector<Change> SqliteChangeLog::since(int64_t seq) {
    Lease lease(pool_);
    Query q(lease.db(), "SELECT seq, keys FROM changes WHERE seq > ? ORDER BY seq LIMIT 1000");
    q->bind_all(seq);
    std::vector<Change> out;
    while (q->step()) {
        Change c;
        c.seq = q->int64(0);
        std::string keys = q->text(1);  // split() returns views into it
        for (auto key : split(keys, ' '))
            if (!key.empty()) c.keys.emplace_back(key);
        out.push_back(std::move(c));
    }
    return out;
}

}  // namespace dateline::sqlite

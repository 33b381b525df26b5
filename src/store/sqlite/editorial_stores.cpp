#include "model/slug.h"
#include "store/sqlite/editing.h"
#include "store/sqlite/rows.h"
#include "store/sqlite/stores.h"
#include "util/strings.h"

namespace dateline::sqlite {

namespace {
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
    Query q(lease.db(), std::string("SELECT ") + kMediaColumns + " FROM media WHERE id = ?");
    q->bind_all(id);
    if (!q->step()) return std::nullopt;
    MediaAsset asset = read_media(*q);
    asset.renditions = load_renditions(lease.db(), asset.id);
    return asset;
}

std::optional<MediaAsset> SqliteMediaStore::by_path(std::string_view path) {
    Lease lease(pool_);
    Query q(lease.db(), std::string("SELECT ") + kMediaColumns + " FROM media WHERE path = ?");
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
            "sec.slug, s.hero_media_id, sh.version FROM shorts sh "
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
        s.version = q->int64(8);
        out.push_back(std::move(s));
    }
    return out;
}

Result<int64_t> SqliteShortStore::create(const Short& item) {
    if (auto st = check_short(item); !st) return st.error();
    Lease lease(pool_);
    Query q(lease.db(),
            "INSERT INTO shorts (story_id, headline, summary, published_at) VALUES (?, ?, ?, ?)");
    q->bind_all(item.story_id, item.headline, item.summary, to_unix(item.published_at));
    if (!q->execute_checked()) return Error::invalid("story_id", "unknown story");
    return lease->last_insert_id();
}

std::optional<StaticPage> SqlitePageStore::by_slug(std::string_view slug) {
    Lease lease(pool_);
    Query q(lease.db(), std::string("SELECT ") + kPageColumns + " FROM pages WHERE slug = ?");
    q->bind_all(slug);
    if (!q->step()) return std::nullopt;
    return read_page(*q);
}

std::vector<StaticPage> SqlitePageStore::list() {
    Lease lease(pool_);
    Query q(lease.db(), std::string("SELECT ") + kPageColumns + " FROM pages ORDER BY id");
    std::vector<StaticPage> out;
    while (q->step())
        out.push_back(read_page(*q));
    return out;
}

Result<int64_t> SqlitePageStore::create(const StaticPage& page) {
    if (auto st = check_static_page(page); !st) return st.error();
    Lease lease(pool_);
    Query q(lease.db(),
            "INSERT INTO pages (slug, title, body_format, body_source, body_html, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?)");
    q->bind_all(page.slug, page.title, to_string(page.body_format), page.body_source,
                page.body_html, to_unix(page.updated_at));
    if (!q->execute_checked()) return Error::conflict("page '" + page.slug + "' already exists");
    return lease->last_insert_id();
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

// The newsroom's editing of media metadata, shorts, static pages and
// settings: versioned updates, removal and paged lists (store/store.h).
#include "model/slug.h"
#include "store/sqlite/editing.h"
#include "store/sqlite/rows.h"
#include "store/sqlite/stores.h"
#include "util/strings.h"

namespace dateline::sqlite {

namespace {
const Listing kMediaListing{kMediaColumns,
                            "media",
                            {"alt", "caption", "credit", "path"},
                            {{"created_at", "created_at"}, {"path", "path"}},
                            "-created_at",
                            "id"};

constexpr const char* kShortColumns = "id, story_id, headline, summary, published_at, version";
const Listing kShortListing{
    kShortColumns,           "shorts",
    {"headline", "summary"}, {{"published_at", "published_at"}, {"headline", "headline"}},
    "-published_at",         "id"};

const Listing kPageListing{kPageColumns,
                           "pages",
                           {"title", "slug"},
                           {{"title", "title"}, {"slug", "slug"}, {"updated_at", "updated_at"}},
                           "",
                           "id"};

Short read_short(Statement& q) {
    Short s;
    s.id = q.int64(0);
    s.story_id = q.optional_int64(1);
    s.headline = q.text(2);
    s.summary = q.text(3);
    s.published_at = from_unix(q.int64(4));
    s.version = q.int64(5);
    return s;
}

bool in_unit_range(double v) {
    return v >= 0 && v <= 1;  // false for NaN too
}
}  // namespace

Status check_short(const Short& item) {
    if (trim(item.headline).empty()) return Error::invalid("headline", "headline is required");
    if (trim(item.summary).empty()) return Error::invalid("summary", "summary is required");
    int words = count_words(item.summary);
    if (words > kMaxShortWords)
        return Error::invalid("summary", "a short has at most " + std::to_string(kMaxShortWords) +
                                             " words; this one has " + std::to_string(words));
    return {};
}

Status check_static_page(const StaticPage& page) {
    if (!is_valid_slug(page.slug))
        return Error::invalid("slug", "slug must be lower-case letters, digits and hyphens");
    if (trim(page.title).empty()) return Error::invalid("title", "title is required");
    return {};
}

Status SqliteMediaStore::update(const MediaAsset& m) {
    if (!in_unit_range(m.focal_x))
        return Error::invalid("focal_x", "focal point must lie within the image (0..1)");
    if (!in_unit_range(m.focal_y))
        return Error::invalid("focal_y", "focal point must lie within the image (0..1)");
    TransactionScope tx(pool_);
    Lease lease(pool_);
    if (trim(m.alt).empty()) {
        // The publish rule of docs/schema.md, seen from the image's side.
        Query q(lease.db(),
                "SELECT id FROM stories WHERE hero_media_id = ? "
                "AND status IN ('published', 'scheduled') LIMIT 1");
        q->bind_all(m.id);
        if (q->step())
            return Error::invalid("alt", "media " + std::to_string(m.id) +
                                             " is the hero image of published or scheduled story " +
                                             std::to_string(q->int64(0)) + ": it needs alt text");
    }
    Query q(lease.db(),
            "UPDATE media SET alt = ?, caption = ?, credit = ?, focal_x = ?, focal_y = ?, "
            "version = version + 1 WHERE id = ? AND version = ?");
    q->bind_all(m.alt, m.caption, m.credit, m.focal_x, m.focal_y, m.id, m.version);
    if (auto st = finish_update(lease.db(), *q, {"media", "media", m.id, m.path, "id"}); !st)
        return st;
    tx.commit();
    return {};
}

Status SqliteMediaStore::remove(int64_t id) {
    TransactionScope tx(pool_);
    Lease lease(pool_);
    // stories.hero_media_id would quietly become NULL; a hero stays until
    // its stories pick another image.
    auto heroes = count_where(lease.db(), "stories", "hero_media_id", id);
    if (auto st = refuse_when_used(heroes, "media " + std::to_string(id), "stories as their hero");
        !st)
        return st;
    // media_renditions rows go with it (ON DELETE CASCADE).
    if (auto st = delete_by_id(lease.db(), "media", "media", id); !st) return st;
    tx.commit();
    return {};
}

Result<Paged<MediaAsset>> SqliteMediaStore::page(const ListQuery& query) {
    Lease lease(pool_);
    auto out = run_listing<MediaAsset>(lease.db(), kMediaListing, query, read_media);
    if (!out) return out;
    for (auto& asset : out->items)
        asset.renditions = load_renditions(lease.db(), asset.id);
    return out;
}

std::optional<Short> SqliteShortStore::by_id(int64_t id) {
    return find_by_id<Short>(pool_, kShortColumns, "shorts", id, read_short);
}

Status SqliteShortStore::update(const Short& item) {
    if (auto st = check_short(item); !st) return st;
    Lease lease(pool_);
    Query q(lease.db(),
            "UPDATE shorts SET story_id = ?, headline = ?, summary = ?, published_at = ?, "
            "version = version + 1 WHERE id = ? AND version = ?");
    q->bind_all(item.story_id, item.headline, item.summary, to_unix(item.published_at), item.id,
                item.version);
    return finish_update(lease.db(), *q, {"shorts", "short", item.id, "", "story_id"});
}

Status SqliteShortStore::remove(int64_t id) {
    Lease lease(pool_);
    return delete_by_id(lease.db(), "shorts", "short", id);
}

Result<Paged<Short>> SqliteShortStore::page(const ListQuery& query) {
    Lease lease(pool_);
    return run_listing<Short>(lease.db(), kShortListing, query, read_short);
}

std::optional<StaticPage> SqlitePageStore::by_id(int64_t id) {
    return find_by_id<StaticPage>(pool_, kPageColumns, "pages", id, read_page);
}

Status SqlitePageStore::update(const StaticPage& page) {
    if (auto st = check_static_page(page); !st) return st;
    Lease lease(pool_);
    Query q(lease.db(),
            "UPDATE pages SET slug = ?, title = ?, body_format = ?, body_source = ?, "
            "body_html = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?");
    q->bind_all(page.slug, page.title, to_string(page.body_format), page.body_source,
                page.body_html, to_unix(page.updated_at), page.id, page.version);
    return finish_update(lease.db(), *q, {"pages", "page", page.id, page.slug, "id"});
}

Status SqlitePageStore::remove(int64_t id) {
    Lease lease(pool_);
    return delete_by_id(lease.db(), "pages", "page", id);
}

Result<Paged<StaticPage>> SqlitePageStore::page(const ListQuery& query) {
    Lease lease(pool_);
    return run_listing<StaticPage>(lease.db(), kPageListing, query, read_page);
}

std::optional<std::string> SqliteSettingsStore::get(std::string_view key) {
    Lease lease(pool_);
    Query q(lease.db(), "SELECT value FROM settings WHERE key = ?");
    q->bind_all(key);
    if (!q->step()) return std::nullopt;
    return q->text(0);
}

Status SqliteSettingsStore::remove(std::string_view key) {
    Lease lease(pool_);
    Query q(lease.db(), "DELETE FROM settings WHERE key = ?");
    q->bind_all(key);
    q->execute();
    if (lease->changes() == 0) return Error::not_found("no setting '" + std::string(key) + "'");
    return {};
}

}  // namespace dateline::sqlite

// The newsroom's view of stories: every status, filtered and sorted, the
// scheduled ones that are due, and deletion.
#include "store/sqlite/editing.h"
#include "store/sqlite/stores.h"
#include "store/sqlite/story_months.h"

namespace dateline::sqlite {

namespace {
const std::vector<SortField> kAdminStorySorts = {{"updated_at", "s.updated_at"},
                                                 {"published_at", "s.published_at"},
                                                 {"headline", "s.headline"},
                                                 {"created_at", "s.created_at"}};

StoryListItem read_list_item(Statement& q) {
    StoryListItem item;
    item.id = q.int64(0);
    item.slug = q.text(1);
    item.headline = q.text(2);
    item.status = parse_story_status(q.text(3)).value_or(StoryStatus::draft);
    item.section = Ref{q.int64(4), q.text(5), q.text(6)};
    item.authors = parse_refs(q.text(7));
    item.owner_id = q.optional_int64(8);
    if (!q.is_null(9)) item.published_at = from_unix(q.int64(9));
    item.updated_at = from_unix(q.int64(10));
    item.version = q.int64(11);
    return item;
}
}  // namespace

Result<Paged<StoryListItem>> SqliteStoryStore::admin_list(const AdminStoryQuery& query) {
    if (auto st = check_page(query.limit, query.offset); !st) return st.error();
    auto order = order_clause(query.sort, kAdminStorySorts, "-updated_at", "s.id");
    if (!order) return order.error();
    // Each filter has a numbered parameter of its own, so that one cached
    // statement serves every combination of filters (NULL: no filter).
    const std::string where =
        " WHERE (?1 IS NULL OR s.status = ?1) AND (?2 IS NULL OR s.section_id = ?2) "
        "AND (?3 IS NULL OR EXISTS (SELECT 1 FROM story_authors sa WHERE sa.story_id = s.id "
        "AND sa.author_id = ?3)) AND (?4 IS NULL OR s.owner_id = ?4) "
        "AND (?5 IS NULL OR s.headline LIKE ?5 ESCAPE '\\') ";
    std::optional<std::string> status;
    if (query.status) status = to_string(*query.status);
    std::optional<std::string> text;
    if (!query.text.empty()) text = like_pattern(query.text);
    auto bind_filters = [&](Statement& q) {
        q.bind(1, status);
        q.bind(2, query.section_id);
        q.bind(3, query.author_id);
        q.bind(4, query.owner_id);
        q.bind(5, text);
    };

    Lease lease(pool_);
    Paged<StoryListItem> out;
    {
        Query c(lease.db(), "SELECT count(*) FROM stories s" + where);
        bind_filters(*c);
        c->step();
        out.total = c->int64(0);
    }
    Query q(lease.db(),
            std::string("SELECT s.id, s.slug, s.headline, s.status, sec.id, sec.slug, sec.name, ") +
                kPackedAuthorsSql +
                ", s.owner_id, s.published_at, s.updated_at, s.version "
                "FROM stories s JOIN sections sec ON sec.id = s.section_id" +
                where + *order + " LIMIT ?6 OFFSET ?7");
    bind_filters(*q);
    q->bind(6, query.limit);
    q->bind(7, query.offset);
    while (q->step())
        out.items.push_back(read_list_item(*q));
    return out;
}

std::vector<int64_t> SqliteStoryStore::due_scheduled(Timestamp now) {
    // A scheduled story's publication time is its published_at; the
    // stories_published index (status, published_at) finds them.
    Lease lease(pool_);
    Query q(lease.db(),
            "SELECT id FROM stories WHERE status = 'scheduled' AND published_at <= ? "
            "ORDER BY published_at, id");
    q->bind_all(to_unix(now));
    std::vector<int64_t> out;
    while (q->step())
        out.push_back(q->int64(0));
    return out;
}

Status SqliteStoryStore::remove(int64_t id) {
    // The foreign keys delete its author, tag and event links, its
    // collection items and the shorts linked to it (ON DELETE CASCADE).
    // A published story leaves its month's count (story_months).
    TransactionScope tx(pool_);
    Lease lease(pool_);
    auto share = month_share(lease.db(), id);
    if (auto st = delete_by_id(lease.db(), "stories", "story", id); !st) return st;
    move_month_share(lease.db(), share, std::nullopt);
    tx.commit();
    return {};
}

}  // namespace dateline::sqlite

#include "store/sqlite/story_months.h"

#include "store/sqlite/stores.h"

namespace dateline::sqlite {

namespace {

void add_share(Database& db, const MonthShare& share) {
    Query q(db,
            "INSERT INTO story_months (month, published_count, last_modified) VALUES (?, 1, ?) "
            "ON CONFLICT (month) DO UPDATE SET published_count = published_count + 1, "
            "last_modified = max(last_modified, excluded.last_modified)");
    q->bind_all(share.month, share.modified);
    q->execute();
}

void raise_last_modified(Database& db, const MonthShare& share) {
    Query q(db, "UPDATE story_months SET last_modified = max(last_modified, ?) WHERE month = ?");
    q->bind_all(share.modified, share.month);
    q->execute();
}

// The month's last change once the share left it: only when the share was
// the newest does the month need a look at its stories (one index range).
void forget_newest(Database& db, const MonthShare& share) {
    Query q(db,
            "UPDATE story_months SET last_modified = coalesce((SELECT "
            "max(max(published_at, coalesce(content_updated_at, 0))) "
            "FROM stories INDEXED BY stories_published_modified WHERE status = 'published' "
            "AND published_at >= CAST(strftime('%s', ?1 || '-01') AS INTEGER) "
            "AND published_at < CAST(strftime('%s', ?1 || '-01', '+1 month') AS INTEGER)), 0) "
            "WHERE month = ?1 AND last_modified <= ?2");
    q->bind_all(share.month, share.modified);
    q->execute();
}

void remove_share(Database& db, const MonthShare& share) {
    Query last(db, "DELETE FROM story_months WHERE month = ? AND published_count <= 1");
    last->bind_all(share.month);
    last->execute();
    if (db.changes() > 0) return;
    Query q(db, "UPDATE story_months SET published_count = published_count - 1 WHERE month = ?");
    q->bind_all(share.month);
    q->execute();
    forget_newest(db, share);
}

}  // namespace

std::optional<MonthShare> month_share(Database& db, int64_t story_id) {
    Query q(db,
            "SELECT strftime('%Y-%m', published_at, 'unixepoch'), "
            "max(published_at, coalesce(content_updated_at, 0)) FROM stories "
            "WHERE id = ? AND status = 'published' AND published_at IS NOT NULL");
    q->bind_all(story_id);
    if (!q->step()) return std::nullopt;
    return MonthShare{q->text(0), q->int64(1)};
}

void move_month_share(Database& db, const std::optional<MonthShare>& before,
                      const std::optional<MonthShare>& after) {
    if (before == after) return;
    if (before && after && before->month == after->month) {
        // Same month, same count: only its last change may move.
        if (after->modified >= before->modified)
            raise_last_modified(db, *after);
        else
            forget_newest(db, *before);
        return;
    }
    if (before) remove_share(db, *before);
    if (after) add_share(db, *after);
}

std::vector<MonthCount> read_story_months(Database& db) {
    Query q(db,
            "SELECT CAST(substr(month, 1, 4) AS INTEGER), CAST(substr(month, 6, 2) AS INTEGER), "
            "published_count, last_modified FROM story_months ORDER BY month");
    std::vector<MonthCount> out;
    while (q->step())
        out.push_back(
            MonthCount{q->integer(0), q->integer(1), q->int64(2), from_unix(q->int64(3))});
    return out;
}

}  // namespace dateline::sqlite

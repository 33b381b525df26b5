// Shared pieces of the newsroom's editing: paged lists with a text filter
// and an allowlisted sort, the version check of an update, the checks of
// input that create and update share.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite/database.h"
#include "store/store.h"

namespace dateline::sqlite {

// A field a list may be sorted by, and the SQL expression behind it.
struct SortField {
    std::string_view name;
    std::string_view column;
};

// How one aggregate lists: "SELECT <columns> FROM <from>" with the text
// filter over text_columns and the sorts of the allowlist (the first is the
// default unless default_sort names another, e.g. "-created_at").
struct Listing {
    std::string_view columns;
    std::string_view from;
    std::vector<std::string_view> text_columns;
    std::vector<SortField> sorts;
    std::string_view default_sort;  // empty: the first sort, ascending
    std::string_view tiebreak;      // appended to every ORDER BY, e.g. "id"
};

// invalid("slug") unless slug follows model/slug.h; invalid("name") when
// name is empty.
Status check_slug_and_name(std::string_view slug, std::string_view name);

// invalid("headline"/"summary"): empty, or more than kMaxShortWords words.
Status check_short(const Short& item);
// invalid("slug"/"title").
Status check_static_page(const StaticPage& page);

// The row of table (ours) with this id, read by read.
template <class T>
std::optional<T> find_by_id(ConnectionPool& pool, std::string_view columns, std::string_view table,
                            int64_t id, T (*read)(Statement&)) {
    Lease lease(pool);
    Query q(lease.db(),
            "SELECT " + std::string(columns) + " FROM " + std::string(table) + " WHERE id = ?");
    q->bind_all(id);
    if (!q->step()) return std::nullopt;
    return read(*q);
}

// invalid("limit"/"offset") for a page out of range.
Status check_page(int limit, int offset);

// "ORDER BY <column> [DESC], <tiebreak>" for sort ("-name" descends); an
// empty sort takes fallback. invalid("sort") names the allowed fields.
Result<std::string> order_clause(std::string_view sort, const std::vector<SortField>& allowed,
                                 std::string_view fallback, std::string_view tiebreak);

// A LIKE pattern matching text anywhere, with its wildcards escaped by '\'.
std::string like_pattern(std::string_view text);

// Runs the listing: one page of rows (read by read_row) and the total count.
template <class T>
Result<Paged<T>> run_listing(Database& db, const Listing& listing, const ListQuery& query,
                             const std::function<T(Statement&)>& read_row);

// After an UPDATE ... WHERE id = ? AND version = ? changed nothing: not_found
// when the row is gone, else a conflict naming the stored version. table is
// one of ours, never input.
Error stale_or_missing(Database& db, std::string_view table, std::string_view what, int64_t id);

// What an UPDATE ... WHERE id = ? AND version = ? was about, for its errors.
struct UpdateTarget {
    std::string_view table;  // ours, never input
    std::string_view what;   // "section", "tag", ...
    int64_t id = 0;
    std::string_view slug;      // for "slug 'x' is taken"
    std::string_view fk_field;  // the field a foreign key failure blames
};

// Runs the update and maps its outcome: a taken slug is a conflict, a
// missing reference is invalid(fk_field), no row changed is stale or gone.
Status finish_update(Database& db, Statement& update, const UpdateTarget& target);

// The slug of row id (table is ours), or not_found naming what.
Result<std::string> slug_of(Database& db, std::string_view table, std::string_view what,
                            int64_t id);

// Counts rows of a table (ours, never input) where column = id.
int64_t count_where(Database& db, std::string_view table, std::string_view column, int64_t id);

// "<what> <id> is used by N <users>"-style conflict when count > 0.
Status refuse_when_used(int64_t count, std::string_view what, std::string_view users);

// DELETE FROM table WHERE id = ?; not_found when nothing was there.
Status delete_by_id(Database& db, std::string_view table, std::string_view what, int64_t id);

// --- template definition ---

// " WHERE (a LIKE ?1 ESCAPE '\' OR b LIKE ?1 ...)" when the query has a text.
std::string listing_where(const Listing& listing, const ListQuery& query);

template <class T>
Result<Paged<T>> run_listing(Database& db, const Listing& listing, const ListQuery& query,
                             const std::function<T(Statement&)>& read_row) {
    if (auto st = check_page(query.limit, query.offset); !st) return st.error();
    auto order = order_clause(query.sort, listing.sorts, listing.default_sort, listing.tiebreak);
    if (!order) return order.error();
    std::string where = listing_where(listing, query);
    std::string pattern = like_pattern(query.text);
    Paged<T> out;
    {
        Query q(db, "SELECT count(*) FROM " + std::string(listing.from) + where);
        if (!query.text.empty()) q->bind(1, pattern);
        q->step();
        out.total = q->int64(0);
    }
    Query q(db, "SELECT " + std::string(listing.columns) + " FROM " + std::string(listing.from) +
                    where + " " + *order + " LIMIT ?2 OFFSET ?3");
    if (!query.text.empty()) q->bind(1, pattern);
    q->bind(2, query.limit);
    q->bind(3, query.offset);
    while (q->step())
        out.items.push_back(read_row(*q));
    return out;
}

}  // namespace dateline::sqlite

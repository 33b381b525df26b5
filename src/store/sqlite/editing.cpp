#include "store/sqlite/editing.h"

#include "model/slug.h"
#include "util/strings.h"

namespace dateline::sqlite {

namespace {
constexpr int kMaxPageSize = 500;

std::string field_names(const std::vector<SortField>& allowed) {
    std::string names;
    for (const auto& f : allowed)
        names += (names.empty() ? "" : ", ") + std::string(f.name);
    return names;
}
}  // namespace

Status check_slug_and_name(std::string_view slug, std::string_view name) {
    if (!is_valid_slug(slug))
        return Error::invalid("slug", "slug '" + std::string(slug) +
                                          "' must be lower-case letters, digits and hyphens");
    if (trim(name).empty()) return Error::invalid("name", "name must not be empty");
    return {};
}

Status check_page(int limit, int offset) {
    if (limit < 1 || limit > kMaxPageSize)
        return Error::invalid("limit", "limit must be between 1 and " +
                                           std::to_string(kMaxPageSize) + ", not " +
                                           std::to_string(limit));
    if (offset < 0)
        return Error::invalid("offset",
                              "offset must not be negative, not " + std::to_string(offset));
    return {};
}

Result<std::string> order_clause(std::string_view sort, const std::vector<SortField>& allowed,
                                 std::string_view fallback, std::string_view tiebreak) {
    std::string_view wanted = sort.empty() ? fallback : sort;
    if (wanted.empty() && !allowed.empty()) wanted = allowed.front().name;
    bool descending = !wanted.empty() && wanted.front() == '-';
    std::string_view name = descending ? wanted.substr(1) : wanted;
    for (const auto& f : allowed) {
        if (f.name != name) continue;
        std::string dir = descending ? " DESC" : "";
        std::string out = "ORDER BY " + std::string(f.column) + dir;
        if (!tiebreak.empty()) out += ", " + std::string(tiebreak) + dir;
        return out;
    }
    return Error::invalid("sort", "cannot sort by '" + std::string(sort) + "'; sort by one of " +
                                      field_names(allowed) + " (\"-\" before it for descending)");
}

std::string like_pattern(std::string_view text) {
    std::string out = "%";
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    return out + "%";
}

std::string listing_where(const Listing& listing, const ListQuery& query) {
    if (query.text.empty() || listing.text_columns.empty()) return "";
    std::string where = " WHERE (";
    for (size_t i = 0; i < listing.text_columns.size(); ++i)
        where += (i ? " OR " : "") + std::string(listing.text_columns[i]) + " LIKE ?1 ESCAPE '\\'";
    return where + ")";
}

Error stale_or_missing(Database& db, std::string_view table, std::string_view what, int64_t id) {
    Query q(db, "SELECT version FROM " + std::string(table) + " WHERE id = ?");
    q->bind_all(id);
    if (!q->step()) return Error::not_found("no " + std::string(what) + " " + std::to_string(id));
    return Error::conflict(std::string(what) + " " + std::to_string(id) +
                           " was changed by someone else (version " + std::to_string(q->int64(0)) +
                           ")");
}

Status finish_update(Database& db, Statement& update, const UpdateTarget& t) {
    switch (update.execute_outcome()) {
        case Statement::Outcome::done:
            if (db.changes() == 0) return stale_or_missing(db, t.table, t.what, t.id);
            return {};
        case Statement::Outcome::unique_violation:
            return Error::conflict("slug '" + std::string(t.slug) + "' is taken");
        case Statement::Outcome::foreign_key_violation:
            return Error::invalid(std::string(t.fk_field), std::string(t.what) + " " +
                                                               std::to_string(t.id) + ": unknown " +
                                                               std::string(t.fk_field));
        case Statement::Outcome::other_violation:
            break;
    }
    return Error::invalid(std::string(t.what), std::string(t.what) + " " + std::to_string(t.id) +
                                                   " breaks a rule of the schema");
}

Result<std::string> slug_of(Database& db, std::string_view table, std::string_view what,
                            int64_t id) {
    Query q(db, "SELECT slug FROM " + std::string(table) + " WHERE id = ?");
    q->bind_all(id);
    if (!q->step()) return Error::not_found("no " + std::string(what) + " " + std::to_string(id));
    return q->text(0);
}

int64_t count_where(Database& db, std::string_view table, std::string_view column, int64_t id) {
    Query q(db, "SELECT count(*) FROM " + std::string(table) + " WHERE " + std::string(column) +
                    " = ?");
    q->bind_all(id);
    q->step();
    return q->int64(0);
}

Status refuse_when_used(int64_t count, std::string_view what, std::string_view users) {
    if (count == 0) return {};
    return Error::conflict(std::string(what) + " is still used by " + std::to_string(count) + " " +
                           std::string(users));
}

Status delete_by_id(Database& db, std::string_view table, std::string_view what, int64_t id) {
    Query q(db, "DELETE FROM " + std::string(table) + " WHERE id = ?");
    q->bind_all(id);
    q->execute();
    if (db.changes() == 0)
        return Error::not_found("no " + std::string(what) + " " + std::to_string(id));
    return {};
}

}  // namespace dateline::sqlite

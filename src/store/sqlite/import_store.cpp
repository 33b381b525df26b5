// What imports made of their sources' items (store/store.h, ImportStore).
#include "store/sqlite/rows.h"
#include "store/sqlite/stores.h"

namespace dateline::sqlite {

std::vector<ImportedItem> SqliteImportStore::imported(std::string_view source) {
    Lease lease(pool_);
    Query q(lease.db(),
            "SELECT kind, source_id, target_id FROM imported_items WHERE source = ? "
            "ORDER BY kind, source_id");
    q->bind_all(source);
    std::vector<ImportedItem> out;
    while (q->step())
        out.push_back({q->text(0), q->text(1), q->int64(2)});
    return out;
}

Status SqliteImportStore::record(std::string_view source, const ImportedItem& item, Timestamp at) {
    Lease lease(pool_);
    Query q(lease.db(),
            "INSERT INTO imported_items (source, kind, source_id, target_id, imported_at) "
            "VALUES (?, ?, ?, ?, ?)");
    q->bind_all(source, item.kind, item.source_id, item.target_id, to_unix(at));
    if (!q->execute_checked())
        return Error::conflict(item.kind + " " + item.source_id + " of " + std::string(source) +
                               " was imported already");
    return {};
}

}  // namespace dateline::sqlite

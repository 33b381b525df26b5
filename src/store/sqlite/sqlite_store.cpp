#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "store/sqlite/access_stores.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/search_stores.h"
#include "store/sqlite/stores.h"

namespace dateline {

namespace sqlite {
namespace {

class SqliteStore final : public Store {
  public:
    SqliteStore(const std::filesystem::path& path, int connections)
        : pool_(path, connections),
          sections_(pool_),
          authors_(pool_),
          tags_(pool_),
          shows_(pool_),
          events_(pool_),
          media_(pool_),
          stories_(pool_),
          shorts_(pool_),
          pages_(pool_),
          collections_(pool_),
          redirects_(pool_),
          users_(pool_),
          settings_(pool_),
          changes_(pool_),
          sessions_(pool_),
          api_keys_(pool_),
          throttle_(pool_),
          password_resets_(pool_),
          revisions_(pool_),
          autosaves_(pool_),
          search_(pool_, stories_),
          search_terms_(pool_),
          readership_(pool_),
          imports_(pool_) {}

    SectionStore& sections() override { return sections_; }
    AuthorStore& authors() override { return authors_; }
    TagStore& tags() override { return tags_; }
    ShowStore& shows() override { return shows_; }
    EventStore& events() override { return events_; }
    MediaStore& media() override { return media_; }
    StoryStore& stories() override { return stories_; }
    ShortStore& shorts() override { return shorts_; }
    PageStore& pages() override { return pages_; }
    CollectionStore& collections() override { return collections_; }
    RedirectStore& redirects() override { return redirects_; }
    UserStore& users() override { return users_; }
    SettingsStore& settings() override { return settings_; }
    ChangeLog& changes() override { return changes_; }
    SessionStore& sessions() override { return sessions_; }
    ApiKeyStore& api_keys() override { return api_keys_; }
    ThrottleStore& throttle() override { return throttle_; }
    PasswordResetStore& password_resets() override { return password_resets_; }
    RevisionStore& revisions() override { return revisions_; }
    AutosaveStore& autosaves() override { return autosaves_; }
    SearchIndex& search() override { return search_; }
    SearchTermStore& search_terms() override { return search_terms_; }
    ReadershipStore& readership() override { return readership_; }
    ImportStore& imports() override { return imports_; }

    Status transaction(const std::function<Status()>& body) override {
        TransactionScope tx(pool_);
        Status status = body();
        if (status.ok()) tx.commit();
        return status;
    }

    bool begin_sole_writing() override { return pool_.begin_sole_writing(); }
    void end_sole_writing() override { pool_.end_sole_writing(); }

    int schema_version() override {
        Lease lease(pool_);
        lease->exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        Query q(lease.db(), "SELECT COALESCE(max(version), 0) FROM schema_version");
        q->step();
        return q->integer(0);
    }

    Result<int> migrate() override {
        int current = schema_version();
        // Each applied migration has its row, so one that a branch numbered
        // below an applied one still runs.
        std::set<int> done;
        {
            Lease lease(pool_);
            Query q(lease.db(), "SELECT version FROM schema_version");
            while (q->step())
                done.insert(q->integer(0));
        }
        int applied = 0;
        for (const auto& m : migrations()) {
            if (done.count(m.version)) continue;
            TransactionScope tx(pool_);
            Lease lease(pool_);
            lease->exec(m.sql);
            Query q(lease.db(), "INSERT INTO schema_version (version) VALUES (?)");
            q->bind_all(m.version);
            q->execute();
            tx.commit();
            ++applied;
        }
        int newest = migrations().empty() ? 0 : migrations().back().version;
        if (current > newest)
            return Error::corrupt("the database has schema version " + std::to_string(current) +
                                  ", newer than this program knows (" + std::to_string(newest) +
                                  "): upgrade Dateline");
        if (search_deferred()) {
            // A bulk load stopped before it rebuilt the index (search_index.h).
            if (auto st = search_.resume_indexing(); !st) return st.error();
        }
        return applied;
    }

    std::unique_ptr<ReadSnapshot> read_snapshot() override {
        struct Snapshot final : ReadSnapshot {
            explicit Snapshot(ConnectionPool& pool) : scope(pool) {}
            ReadScope scope;
        };
        return std::make_unique<Snapshot>(pool_);
    }

    void optimize() override {
        Lease lease(pool_);
        // Index by index: a plain ANALYZE also counts the rows of every table
        // without an index by reading all of its leaves, and the search
        // index's data table is a page per row (a gigabyte at a million
        // stories: 32 s at start with a cold disk). The planner needs the
        // indexes' statistics; the search index plans itself.
        std::vector<std::string> indexes;
        {
            Query q(lease.db(),
                    "SELECT name FROM sqlite_schema WHERE type = 'index' "
                    "AND tbl_name NOT LIKE 'stories_fts%' ORDER BY name");
            while (q->step())
                indexes.push_back(q->text(0));
        }
        lease->exec("PRAGMA analysis_limit=1000");
        for (const auto& index : indexes)
            lease->exec("ANALYZE \"" + index + "\"");
    }

    bool search_deferred() {
        Lease lease(pool_);
        Query q(lease.db(), "SELECT count(*) FROM search_deferral");
        q->step();
        return q->int64(0) > 0;
    }

    bool is_empty() override {
        Lease lease(pool_);
        Query q(lease.db(),
                "SELECT (SELECT count(*) FROM stories) + (SELECT count(*) FROM sections) + "
                "(SELECT count(*) FROM users)");
        q->step();
        return q->int64(0) == 0;
    }

  private:
    ConnectionPool pool_;
    SqliteSectionStore sections_;
    SqliteAuthorStore authors_;
    SqliteTagStore tags_;
    SqliteShowStore shows_;
    SqliteEventStore events_;
    SqliteMediaStore media_;
    SqliteStoryStore stories_;
    SqliteShortStore shorts_;
    SqlitePageStore pages_;
    SqliteCollectionStore collections_;
    SqliteRedirectStore redirects_;
    SqliteUserStore users_;
    SqliteSettingsStore settings_;
    SqliteChangeLog changes_;
    SqliteSessionStore sessions_;
    SqliteApiKeyStore api_keys_;
    SqliteThrottleStore throttle_;
    SqlitePasswordResetStore password_resets_;
    SqliteRevisionStore revisions_;
    SqliteAutosaveStore autosaves_;
    SqliteSearchIndex search_;
    SqliteSearchTermStore search_terms_;
    SqliteReadershipStore readership_;
    SqliteImportStore imports_;
};

}  // namespace
}  // namespace sqlite

int current_schema_version() {
    return sqlite::migrations().back().version;
}

Result<std::unique_ptr<Store>> open_store(const StoreOptions& options) {
    try {
        auto store =
            std::make_unique<sqlite::SqliteStore>(options.sqlite_path, options.connections);
        if (options.migrate) {
            auto applied = store->migrate();
            if (!applied) return applied.error();
        } else if (store->schema_version() == 0) {
            return Error::invalid("database", "the database has no schema: run 'dateline migrate'");
        }
        return std::unique_ptr<Store>(std::move(store));
    } catch (const sqlite::SqliteError& e) {
        return Error::io(e.what());
    }
}

}  // namespace dateline

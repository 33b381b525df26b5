// The SQLite (FTS5) implementations of store/search_index.h. The index is
// kept in step with stories by the triggers of migration 10.
#pragma once

#include "store/search_index.h"
#include "store/sqlite/database.h"

namespace dateline {
class StoryStore;
}

namespace dateline::sqlite {

class SqliteSearchIndex final : public SearchIndex {
  public:
    SqliteSearchIndex(ConnectionPool& pool, StoryStore& stories) : pool_(pool), stories_(stories) {}
    Result<SearchPage> search(const StorySearch& search) override;
    int64_t indexed_count() override;
    std::optional<std::vector<IndexWord>> prefix_words(std::string_view prefix,
                                                       size_t limit) override;
    Status defer_indexing() override;
    Status resume_indexing() override;

  private:
    ConnectionPool& pool_;
    StoryStore& stories_;  // reads the summaries of a page of hits
};

class SqliteSearchTermStore final : public SearchTermStore {
  public:
    explicit SqliteSearchTermStore(ConnectionPool& pool) : pool_(pool) {}
    Status add(const std::vector<SearchTermCount>& counts) override;
    std::vector<SearchTermCount> popular(Timestamp since, int limit, int64_t min_count) override;
    int64_t prune(Timestamp before) override;

  private:
    ConnectionPool& pool_;
};

}  // namespace dateline::sqlite

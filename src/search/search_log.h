// "Most searched": what readers search for, as anonymous counts. Only the
// normalized query text and a count per hour are kept: no address, cookie
// or time finer than the hour. Recording is a map increment in memory; a
// background thread adds the counts to the store every flush interval and
// refreshes the popular list, so the serving path never waits for a write
// or reads the table.
#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "store/search_index.h"
#include "util/clock.h"
#include "util/status.h"

namespace dateline::search {

// Queries longer than this are not counted (they are rarely repeated and
// more likely to carry something personal).
inline constexpr size_t kMaxLoggedQueryBytes = 64;
// Distinct queries held between flushes; new ones past it wait for a flush.
inline constexpr size_t kMaxPendingTerms = 10000;

struct SearchLogOptions {
    // 0: no background thread; flush() is called by the owner (tests).
    std::chrono::seconds flush_interval{60};
    int popular_limit = 10;
    std::chrono::hours popular_window{24 * 7};
    // A query is listed only after this many searches in the window, so a
    // single reader's search never shows.
    int64_t popular_min_count = 3;
    std::chrono::hours retention{24 * 30};  // older hours are deleted
};

// The form a query is counted under, or empty when it is not counted:
// empty, longer than kMaxLoggedQueryBytes, or looking personal (an e-mail
// address, a long run of digits such as a phone number).
std::string loggable_query(std::string_view normalized);

class SearchLog {
  public:
    SearchLog(SearchTermStore& store, const Clock& clock, SearchLogOptions options = {});
    // Flushes what is pending and stops the thread.
    ~SearchLog();
    SearchLog(const SearchLog&) = delete;
    SearchLog& operator=(const SearchLog&) = delete;

    // Counts one search of this normalized query (search/query_parser.h).
    // Thread-safe; takes a mutex for a map update, no I/O.
    void record(std::string_view normalized);
    // The most searched queries as of the last flush. Thread-safe.
    std::vector<SearchTermCount> popular() const;
    // Writes the pending counts, prunes old hours and re-reads the popular
    // list. Thread-safe; counts that could not be written are kept for the
    // next flush.
    Status flush();

  private:
    void run();

    SearchTermStore& store_;
    const Clock& clock_;
    SearchLogOptions options_;

    std::mutex pending_mutex_;
    std::map<std::pair<int64_t, std::string>, int64_t> pending_;  // (hour, term) -> count

    mutable std::mutex popular_mutex_;
    std::vector<SearchTermCount> popular_;

    std::mutex flush_mutex_;  // one flush at a time
    std::mutex thread_mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace dateline::search

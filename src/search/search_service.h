// Search as the reader site asks for it: a reader's query and filters in,
// a page of presentable results out (headline and snippet as safe HTML),
// with notes on what was changed in the query. Searches with results are
// counted for "Most searched" (search/search_log.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "search/query_parser.h"
#include "search/search_log.h"
#include "store/search_index.h"

namespace dateline::search {

// Pages past this are not served: deep OFFSETs cost a sort of every match.
inline constexpr int kMaxPage = 50;
inline constexpr int kDefaultPageSize = 10;
// Relevance is worked out among at most this many matches (the newest):
// bounds the cost of a word that is in nearly every story. Scoring costs
// about 2.5 us a match on a million stories, and readers see at most
// kMaxPage pages, 500 results.
inline constexpr int kMaxScoredMatches = 2000;
// Newest first by an author or in a date range: the stories walked at most
// to count the matches past the page (StorySearch::max_walked); about 4 ms.
inline constexpr int64_t kMaxWalkedStories = 25'000;
// A prefix that begins at most this many of the index's words is searched
// as those words (SearchIndex::prefix_words); past it, as a prefix. Each
// named word costs a seek in the index and a count for the ranking.
inline constexpr size_t kMaxPrefixWords = 64;

struct SearchRequest {
    std::string query;  // as the reader typed it
    std::optional<int64_t> section_id;
    std::optional<int64_t> author_id;
    std::optional<Timestamp> from;
    std::optional<Timestamp> to;
    StorySearch::Order order = StorySearch::Order::relevance;
    int page = 1;  // clamped to 1..kMaxPage
    int page_size = kDefaultPageSize;
};

struct SearchResult {
    StorySummary story;
    std::string headline_html;  // escaped, matches in <mark>
    std::string snippet_html;   // escaped, matches in <mark>
};

struct SearchResults {
    ParsedQuery query;
    std::vector<SearchResult> results;
    int64_t total = 0;
    int page = 1;
    bool has_more = false;
    // True when no story had every word and these match any of them.
    bool any_word = false;
    // True when more stories matched than kMaxScoredMatches: total counts
    // the newest of them, which were ranked.
    bool bounded = false;
    // For the reader: what changed in the query, or why nothing was run.
    std::vector<std::string> notes;
};

class SearchService {
  public:
    // log may be null: nothing is counted.
    SearchService(SearchIndex& index, SearchLog* log);
    // Never fails: a query that cannot be run comes back with a note.
    SearchResults search(const SearchRequest& request);
    // "Most searched", from memory; empty without a log.
    std::vector<SearchTermCount> popular() const;

  private:
    void name_prefix_words(ParsedQuery& query);

    SearchIndex& index_;
    SearchLog* log_;
    SearchWeights weights_;
};

}  // namespace dateline::search

// The storage side of full-text search: the index of published stories and
// the aggregate counts of what readers search for. Reader input never
// reaches these interfaces: search/ turns it into a safe match expression.
#pragma once

#include <cstddef>
#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/story.h"
#include "util/clock.h"
#include "util/status.h"

namespace dateline {

// How much each indexed field counts in relevance (BM25 column weights).
struct SearchWeights {
    double headline = 10.0;
    double standfirst = 5.0;
    double body = 1.0;
    double tags = 4.0;
    double authors = 4.0;
};

// One page of a search. The match expression is FTS5 syntax built by
// search/ (search/query_parser.h); it must never be reader input as typed.
struct StorySearch {
    std::string match;
    // The match's phrases, each on its own and in the match's order (a word,
    // a quoted phrase or a prefix is one phrase). Relevance weighs a phrase
    // by how few stories hold it; the index counts them from these.
    std::vector<std::string> phrases;
    std::optional<int64_t> section_id;  // includes the section's children
    std::optional<int64_t> author_id;
    std::optional<Timestamp> from;  // published_at >= from
    std::optional<Timestamp> to;    // published_at < to
    enum class Order { relevance, newest };
    Order order = Order::relevance;
    SearchWeights weights;
    // Relevance order scores at most this many matches, the newest by id
    // (BM25 costs each match; a word in every story would score them all).
    // 0: no bound. Date order is not bounded by it (see SearchPage::bounded).
    int max_scored = 0;
    // Date order with an author or dates walks their stories newest first,
    // keeping the matches, and goes on past the page only to count: at most
    // this many stories in all (0: no bound), and then total says how many
    // it found and bounded says there may be more. A byline on 140,000
    // stories would otherwise be walked in full for every page.
    int64_t max_walked = 0;
    int limit = 10;
    int offset = 0;
};

// Snippet text marks the matched words with these bytes (and elides with
// "…"); the search layer escapes the text and only then turns them into
// <mark> elements.
inline constexpr char kMatchStart = '\x02';
inline constexpr char kMatchEnd = '\x03';

struct SearchHit {
    StorySummary story;
    std::string headline_marked;  // the headline with matches marked
    std::string snippet_marked;   // from the body, else the standfirst
};

struct SearchPage {
    std::vector<SearchHit> hits;
    // Matches of the whole search, not only this page; 0 past the last page.
    int64_t total = 0;
    // Relevance: max_scored cut the matches, and total counts only those
    // scored. Date order: more stories match than total says (the index
    // counts up to a limit of its own).
    bool bounded = false;
};

// A word of the index as a match can name it. The stemmer is not always
// idempotent: "proposal" is kept as "propos", which a match would stem
// again to "propo". Such a word is named by a spelling that stems to it
// ("propose"), or failing that as a prefix ("propos" *, stemmed to "propo"
// *, which finds it with any word that begins "propo").
struct IndexWord {
    std::string text;  // what the match names: the word, or a spelling of it
    bool as_prefix = false;
    bool operator==(const IndexWord&) const = default;
};

class SearchIndex {
  public:
    virtual ~SearchIndex() = default;
    // Published stories matching the search, best (or newest) first. invalid
    // when the match expression is not valid FTS5 syntax (a bug in search/,
    // reported rather than thrown).
    virtual Result<SearchPage> search(const StorySearch& search) = 0;
    // How many stories the index holds (published stories when in sync).
    virtual int64_t indexed_count() = 0;
    // The index's words that a prefix search (prefix*) finds, as the index
    // spells them (stemmed) and in order, so that a match can name them:
    // ("fund" OR "fundament") reads only as much of each word's list as the
    // page needs, where "fund" * has the index merge them all in full.
    // Nothing when more than limit words begin with it, or when a word
    // cannot be named without also finding words the prefix does not; the
    // match keeps the prefix then.
    virtual std::optional<std::vector<IndexWord>> prefix_words(std::string_view prefix,
                                                               size_t limit) = 0;

    // Bulk loads (generated stories, imports) write thousands of stories per
    // transaction. Indexed one at a time, each costs the index a segment and
    // a merge (FTS5 flushes at every statement's savepoint); deferred, the
    // index is rebuilt once at the end. While deferred, writes leave the
    // index alone and searches see the index as it was. A deferral a crash
    // left behind is finished when the store is next migrated (at start).
    virtual Status defer_indexing() = 0;
    // Ends a deferral and indexes the published stories afresh.
    virtual Status resume_indexing() = 0;
};

// Defers indexing for a bulk load and resumes it when finished or left.
class DeferredIndexing {
  public:
    explicit DeferredIndexing(SearchIndex& index) : index_(index) {}
    DeferredIndexing(const DeferredIndexing&) = delete;
    DeferredIndexing& operator=(const DeferredIndexing&) = delete;
    ~DeferredIndexing() {
        if (!started_ || finished_) return;
        // Unwinding from a failed load: indexing that fails here too (by
        // status or by exception, which must not leave a destructor) stays
        // deferred and is finished at the next start, not lost.
        try {
            (void)index_.resume_indexing();
        } catch (const std::exception&) {
        }
    }
    Status start() {
        auto st = index_.defer_indexing();
        started_ = static_cast<bool>(st);
        return st;
    }
    Status finish() {
        finished_ = true;
        return started_ ? index_.resume_indexing() : Status{};
    }

  private:
    SearchIndex& index_;
    bool started_ = false;
    bool finished_ = false;
};

// Counts of one normalized query in one hour (UTC, hour = start of hour).
struct SearchTermCount {
    std::string term;
    int64_t count = 0;
    Timestamp hour{};
};

// Anonymous aggregates of reader searches: the query text and a count per
// hour, nothing that tells who searched.
class SearchTermStore {
  public:
    virtual ~SearchTermStore() = default;
    // Adds the counts to their (hour, term) rows in one transaction.
    virtual Status add(const std::vector<SearchTermCount>& counts) = 0;
    // Terms searched at least min_count times since then, most first
    // (hour is left at its default).
    virtual std::vector<SearchTermCount> popular(Timestamp since, int limit, int64_t min_count) = 0;
    // Removes the hours before this time; returns how many rows went.
    virtual int64_t prune(Timestamp before) = 0;
};

}  // namespace dateline

#include "search/search_service.h"

#include <algorithm>

#include "search/highlight.h"
#include "util/strings.h"

namespace dateline::search {

SearchService::SearchService(SearchIndex& index, SearchLog* log) : index_(index), log_(log) {}

std::vector<SearchTermCount> SearchService::popular() const {
    if (!log_) return {};
    return log_->popular();
}

void SearchService::name_prefix_words(ParsedQuery& query) {
    bool named = false;
    for (auto& t : query.terms) {
        if (!t.prefix) continue;
        if (auto words = index_.prefix_words(t.text, kMaxPrefixWords); words && !words->empty()) {
            t.words = std::move(*words);
            named = true;
        }
    }
    if (named) build_match(query);
}

SearchResults SearchService::search(const SearchRequest& request) {
    SearchResults out;
    out.query = parse_query(request.query);
    out.notes = out.query.notes;
    out.page = std::clamp(request.page, 1, kMaxPage);
    if (request.page > kMaxPage)
        out.notes.push_back("Only the first " + std::to_string(kMaxPage) +
                            " pages of results are shown; try more words to narrow the search.");
    if (out.query.empty()) {
        if (!trim(request.query).empty())
            out.notes.push_back("Your search has no letters or numbers to look for.");
        return out;
    }
    name_prefix_words(out.query);
    int size = std::clamp(request.page_size, 1, 50);
    StorySearch s;
    s.match = out.query.match;
    s.phrases = out.query.phrases;
    s.section_id = request.section_id;
    s.author_id = request.author_id;
    s.from = request.from;
    s.to = request.to;
    s.order = request.order;
    s.weights = weights_;
    s.max_scored = kMaxScoredMatches;
    s.max_walked = kMaxWalkedStories;
    s.limit = size + 1;  // one more says whether a next page exists
    s.offset = (out.page - 1) * size;

    auto page = index_.search(s);
    if (page && page->hits.empty() && page->total == 0 && out.query.terms.size() > 1 &&
        out.page == 1) {
        s.match = out.query.any_match;
        auto any = index_.search(s);
        if (any && !any->hits.empty()) {
            page = std::move(any);
            out.any_word = true;
        }
    }
    if (!page) {
        // The parser only makes valid expressions; reaching this is a bug,
        // but the reader still gets a page rather than an error.
        out.notes.push_back("This search could not be run. Try other words.");
        return out;
    }
    out.total = page->total;
    out.bounded = page->bounded;
    if (out.bounded && request.order == StorySearch::Order::relevance)
        out.notes.push_back("More than " + grouped_digits(kMaxScoredMatches) +
                            " stories match, so the newest of them were ranked. Add words, or "
                            "sort by date, to see the rest.");
    out.has_more = static_cast<int>(page->hits.size()) > size;
    if (out.has_more) page->hits.resize(size);
    for (auto& hit : page->hits)
        out.results.push_back(SearchResult{std::move(hit.story),
                                           marked_to_html(hit.headline_marked),
                                           marked_to_html(hit.snippet_marked)});
    if (log_ && out.page == 1 && !out.results.empty()) log_->record(out.query.normalized);
    return out;
}

}  // namespace dateline::search

// Turns what a reader typed into a safe FTS5 match expression. Every term
// is quoted, so nothing the reader types is ever read as FTS5 syntax
// (operators, column filters, NEAR, parentheses); what the parser changed
// is said in notes the search page shows.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "store/search_index.h"

namespace dateline::search {

// Longer input is cut (at a character boundary) to this many bytes.
inline constexpr size_t kMaxQueryBytes = 256;
// Terms (words and phrases) past this many are dropped.
inline constexpr size_t kMaxTerms = 12;
// A prefix search (word*) needs this many letters or digits before the *:
// the index keeps no prefix lists (migration 10), so a prefix reads every
// word that starts with it, and shorter ones match much of the dictionary.
inline constexpr size_t kMinPrefixChars = 3;

struct QueryTerm {
    std::string text;     // lower-cased (ASCII), without quotes or *
    bool phrase = false;  // given in "double quotes"
    bool prefix = false;  // given as word*
    // For a prefix: the index's words it finds, when the index named them
    // (SearchIndex::prefix_words); the match then names them instead.
    std::vector<IndexWord> words;
};

struct ParsedQuery {
    std::vector<QueryTerm> terms;
    // Every term required (FTS5 implicit AND); empty when there are no terms.
    std::string match;
    // Any term (OR), for a second try when all of them find nothing.
    std::string any_match;
    // Each term as one FTS5 phrase, in the order match and any_match name them.
    std::vector<std::string> phrases;
    // The terms as one canonical text: lower-cased, single spaces, phrases
    // quoted, prefixes starred ("budget \"harbour expansion\" fund*").
    std::string normalized;
    // What was changed in the reader's input, in words for the page.
    std::vector<std::string> notes;
    bool empty() const { return terms.empty(); }
};

// Never fails: any bytes in, a query (perhaps empty) and notes out.
ParsedQuery parse_query(std::string_view input);

// Sets match, any_match and phrases from the terms again (after words were
// given to prefixes): a prefix with words is ("word" OR "word" *), each
// word a phrase of its own.
void build_match(ParsedQuery& query);

// The input with invalid UTF-8 and control characters replaced by spaces,
// cut to at most max_bytes at a character boundary.
std::string clean_query_text(std::string_view input, size_t max_bytes);

}  // namespace dateline::search

// The words of the stories' search index that begin with a prefix, read from
// the index's own dictionary.
//
// FTS5 answers "fund*" without a prefix index (migration 10 dropped them) by
// merging the lists of every word that begins "fund" into one, in full, once
// per statement: 40 ms for each statement when the word is in most of a
// million stories, however few matches the page needs. Named one by one,
// ("fund" OR "fundament"), the words are read lazily like any other, and
// newest first stops after the page.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/search_index.h"

namespace dateline::sqlite {

class Database;

// The index's words (stemmed, as FTS5 keeps them) that begin with what FTS5
// makes of prefix in a query ("funding" is stemmed to "fund" first), in
// order, each as a match can name it (IndexWord). Nothing when that is not
// a single word, when more than limit words begin with it, or when a word
// can only be named by a prefix wider than the reader's (the caller then
// leaves the prefix to FTS5).
std::optional<std::vector<IndexWord>> index_words_with_prefix(Database& db, std::string_view prefix,
                                                              size_t limit);

}  // namespace dateline::sqlite

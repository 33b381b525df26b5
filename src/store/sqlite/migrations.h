// Numbered schema migrations (docs/schema.md). A migration is never edited
// once released; a change to the schema is a new, higher number.
#pragma once

#include <vector>

namespace dateline::sqlite {

struct Migration {
    int version;
    const char* description;
    const char* sql;
};

const std::vector<Migration>& migrations();

// The triggers that keep stories_fts in step with stories (migration 12). A
// bulk load drops them and creates them again from this text.
const char* search_index_triggers();

// The tokenizer stories_fts was declared with (migration 12), for code that
// reads the index's words: the tokenizer's name, then its arguments.
inline constexpr const char* kStoriesTokenizer[] = {"porter", "unicode61", "remove_diacritics",
                                                    "2"};

}  // namespace dateline::sqlite

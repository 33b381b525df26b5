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

}  // namespace dateline::sqlite

// A line diff for revision history: what a reader of two versions of a
// text needs to see, not a patch format.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dateline {

enum class DiffOp { same, added, removed };

struct DiffLine {
    DiffOp op;
    std::string text;
};

// Lines of before and after, aligned by a longest common subsequence.
// Texts longer than max_lines lines each are compared as wholes (all of
// before removed, all of after added) to bound the cost.
std::vector<DiffLine> diff_lines(std::string_view before, std::string_view after,
                                 size_t max_lines = 4000);

}  // namespace dateline

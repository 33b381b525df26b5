// Warnings the pipeline reports to the editor: what was dropped or changed,
// and where in the source it was when that is known.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace dateline {

struct ContentWarning {
    static constexpr size_t kNoOffset = static_cast<size_t>(-1);
    size_t offset = kNoOffset;  // byte offset in the source, kNoOffset when unknown
    int line = 0;               // 1-based; 0 when the position is unknown
    int column = 0;             // 1-based, in bytes
    std::string message;
};

using ContentWarnings = std::vector<ContentWarning>;

// Fills line and column of every warning with a known offset into source.
void locate_warnings(std::string_view source, ContentWarnings& warnings);

// "3:14: message" or just "message" when the position is unknown.
std::string describe(const ContentWarning& warning);

}  // namespace dateline

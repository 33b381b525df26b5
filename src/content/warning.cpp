#include "content/warning.h"

#include <algorithm>

namespace dateline {

void locate_warnings(std::string_view source, ContentWarnings& warnings) {
    // Line starts, computed once: warnings are few but sources can be long.
    std::vector<size_t> starts{0};
    for (size_t i = 0; i < source.size(); ++i)
        if (source[i] == '\n') starts.push_back(i + 1);
    for (auto& w : warnings) {
        if (w.offset == ContentWarning::kNoOffset) continue;
        size_t offset = std::min(w.offset, source.size());
        auto it = std::upper_bound(starts.begin(), starts.end(), offset);
        size_t line_index = static_cast<size_t>(it - starts.begin()) - 1;
        w.line = static_cast<int>(line_index + 1);
        w.column = static_cast<int>(offset - starts[line_index] + 1);
    }
}

std::string describe(const ContentWarning& warning) {
    if (warning.line == 0) return warning.message;
    return std::to_string(warning.line) + ":" + std::to_string(warning.column) + ": " +
           warning.message;
}

}  // namespace dateline

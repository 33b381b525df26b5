#include "util/text_diff.h"

#include <algorithm>
#include <cstdint>

namespace dateline {

namespace {
std::vector<std::string_view> lines_of(std::string_view text) {
    std::vector<std::string_view> out;
    while (!text.empty()) {
        size_t nl = text.find('\n');
        out.push_back(text.substr(0, nl));
        if (nl == std::string_view::npos) break;
        text.remove_prefix(nl + 1);
    }
    return out;
}
}  // namespace

std::vector<DiffLine> diff_lines(std::string_view before, std::string_view after,
                                 size_t max_lines) {
    auto a = lines_of(before);
    auto b = lines_of(after);
    // Common head and tail first: most edits touch a few lines.
    size_t head = 0;
    while (head < a.size() && head < b.size() && a[head] == b[head])
        ++head;
    size_t tail = 0;
    while (tail < a.size() - head && tail < b.size() - head &&
           a[a.size() - 1 - tail] == b[b.size() - 1 - tail])
        ++tail;
    std::vector<DiffLine> out;
    for (size_t i = 0; i < head; ++i)
        out.push_back({DiffOp::same, std::string(a[i])});
    size_t n = a.size() - head - tail;
    size_t m = b.size() - head - tail;
    if (n > max_lines || m > max_lines) {
        for (size_t i = 0; i < n; ++i)
            out.push_back({DiffOp::removed, std::string(a[head + i])});
        for (size_t j = 0; j < m; ++j)
            out.push_back({DiffOp::added, std::string(b[head + j])});
    } else {
        // lcs[i][j]: length of the LCS of a[head+i..] and b[head+j..].
        std::vector<uint32_t> lcs((n + 1) * (m + 1), 0);
        auto at = [&](size_t i, size_t j) -> uint32_t& { return lcs[i * (m + 1) + j]; };
        for (size_t i = n; i-- > 0;)
            for (size_t j = m; j-- > 0;)
                at(i, j) = a[head + i] == b[head + j] ? at(i + 1, j + 1) + 1
                                                      : std::max(at(i + 1, j), at(i, j + 1));
        size_t i = 0, j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a[head + i] == b[head + j]) {
                out.push_back({DiffOp::same, std::string(a[head + i])});
                ++i;
                ++j;
            } else if (i < n && (j == m || at(i + 1, j) >= at(i, j + 1))) {
                out.push_back({DiffOp::removed, std::string(a[head + i])});
                ++i;
            } else {
                out.push_back({DiffOp::added, std::string(b[head + j])});
                ++j;
            }
        }
    }
    for (size_t k = a.size() - tail; k < a.size(); ++k)
        out.push_back({DiffOp::same, std::string(a[k])});
    return out;
}

}  // namespace dateline

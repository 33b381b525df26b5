// The lists computed from readership in the background (app/readership_worker)
// and shown by the site: Most Read stories and Trending topics.
#pragma once

#include <cstdint>
#include <vector>

#include "model/taxonomy.h"

namespace dateline {

struct ReadershipLists {
    std::vector<int64_t> most_read;  // story ids, most read first
    std::vector<Tag> trending;       // shown when the editors' Trending strip is empty
};

// Whether two lists show the same thing (same ids in the same order).
bool same_most_read(const ReadershipLists& a, const ReadershipLists& b);
bool same_trending(const ReadershipLists& a, const ReadershipLists& b);

}  // namespace dateline

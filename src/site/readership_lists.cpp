#include "site/readership_lists.h"

#include <algorithm>

namespace dateline {

bool same_most_read(const ReadershipLists& a, const ReadershipLists& b) {
    return a.most_read == b.most_read;
}

bool same_trending(const ReadershipLists& a, const ReadershipLists& b) {
    return std::equal(a.trending.begin(), a.trending.end(), b.trending.begin(), b.trending.end(),
                      [](const Tag& x, const Tag& y) { return x.id == y.id && x.name == y.name; });
}

}  // namespace dateline

#include "util/allocator.h"

#include <malloc.h>

namespace dateline {

void keep_freed_heap_for_reuse() {
    constexpr int kMiB = 1 << 20;
    // Setting the thresholds also stops glibc from moving them as it goes.
    mallopt(M_TRIM_THRESHOLD, 64 * kMiB);
    mallopt(M_TOP_PAD, 16 * kMiB);
    mallopt(M_MMAP_THRESHOLD, 4 * kMiB);
}

}  // namespace dateline

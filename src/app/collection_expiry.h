// Drops the pages that show a curated item when the item expires. An expiry
// is a time, not a write, so nothing else tells the caches; each serving
// node checks for its own caches on its scheduler's tick.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "store/store.h"
#include "util/clock.h"

namespace dateline {

class CollectionExpiry {
  public:
    using Invalidate = std::function<void(const std::vector<std::string>& keys)>;
    CollectionExpiry(Store& store, const Clock& clock, Invalidate invalidate);

    // Invalidates the collections with items that expired since the last
    // call (or since construction); returns how many.
    int tick();

  private:
    Store& store_;
    const Clock& clock_;
    Invalidate invalidate_;
    Timestamp checked_;
};

}  // namespace dateline

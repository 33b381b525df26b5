#include "app/collection_expiry.h"

#include "model/dependencies.h"

namespace dateline {

CollectionExpiry::CollectionExpiry(Store& store, const Clock& clock, Invalidate invalidate)
    : store_(store), clock_(clock), invalidate_(std::move(invalidate)), checked_(clock.now()) {}

int CollectionExpiry::tick() {
    Timestamp now = clock_.now();
    if (now <= checked_) return 0;
    auto slugs = store_.collections().expiring_between(checked_, now);
    checked_ = now;
    if (slugs.empty()) return 0;
    std::vector<std::string> keys;
    for (const auto& slug : slugs)
        keys.push_back(deps::collection(slug));
    invalidate_(keys);
    return static_cast<int>(slugs.size());
}

}  // namespace dateline

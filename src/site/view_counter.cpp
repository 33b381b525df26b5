#include "site/view_counter.h"

#include <functional>
#include <thread>

namespace dateline {

// Its own cache line, so that threads counting on neighbouring shards do not
// slow each other down.
struct alignas(64) ViewCounter::Shard {
    std::mutex mutex;
    Counts counts;
};

ViewCounter::ViewCounter(int shards) {
    for (int i = 0; i < std::max(1, shards); ++i)
        shards_.push_back(std::make_unique<Shard>());
}

ViewCounter::~ViewCounter() = default;

ViewCounter::Shard& ViewCounter::shard_for_this_thread() {
    // Serving threads are long-lived: each hashes its id once and then keeps
    // to one shard, which it mostly has to itself.
    thread_local const size_t hash = std::hash<std::thread::id>{}(std::this_thread::get_id());
    return *shards_[hash % shards_.size()];
}

void ViewCounter::add(int64_t story_id, int64_t views) {
    Shard& shard = shard_for_this_thread();
    std::lock_guard lock(shard.mutex);
    shard.counts[story_id] += views;
}

ViewCounter::Counts ViewCounter::take() {
    Counts all;
    for (auto& shard : shards_) {
        Counts mine;
        {
            std::lock_guard lock(shard->mutex);
            mine.swap(shard->counts);
        }
        if (all.empty()) {
            all.swap(mine);
            continue;
        }
        for (const auto& [id, n] : mine)
            all[id] += n;
    }
    return all;
}

void ViewCounter::restore(const Counts& counts) {
    Shard& shard = shard_for_this_thread();
    std::lock_guard lock(shard.mutex);
    for (const auto& [id, n] : counts)
        shard.counts[id] += n;
}

}  // namespace dateline

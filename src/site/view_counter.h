// Story views counted in memory on the serving path and handed in batches to
// whoever stores them (app/readership_worker). docs/readership.md
//
// Thread-safe. add() is what a serving thread pays: one uncontended lock of
// the shard its thread uses and one hash-map increment; it never waits for
// I/O. take() swaps the counts out shard by shard.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace dateline {

class ViewCounter {
  public:
    using Counts = std::unordered_map<int64_t, int64_t>;  // story id -> views

    explicit ViewCounter(int shards = 16);
    ~ViewCounter();
    ViewCounter(const ViewCounter&) = delete;
    ViewCounter& operator=(const ViewCounter&) = delete;

    // Off until whoever drains the counter turns it on, so that nothing
    // piles up when readership is disabled.
    void enable(bool on) { enabled_.store(on, std::memory_order_relaxed); }
    bool enabled() const { return enabled_.load(std::memory_order_relaxed); }

    void add(int64_t story_id, int64_t views = 1);
    // Everything counted since the previous take(), summed over the shards;
    // the counter starts again from zero.
    Counts take();
    // Puts counts back (ones that could not be stored) so that the next
    // take() hands them out again.
    void restore(const Counts& counts);

  private:
    struct Shard;
    Shard& shard_for_this_thread();
    std::vector<std::unique_ptr<Shard>> shards_;
    std::atomic<bool> enabled_{false};
};

}  // namespace dateline

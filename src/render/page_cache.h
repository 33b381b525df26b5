// Rendered pages kept in memory as prepared responses (identity + gzip +
// ETag), each tagged with the dependency keys it was built from so that a
// change removes exactly the pages it touches.
//
// Thread-safe. Concurrent misses for one key render it once: the others wait
// for that render. Bounded by bytes; the least recently used pages go first.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "http/response.h"

namespace dateline {

// The dependency key that every page carries: invalidating it clears all.
inline constexpr std::string_view kEverything = "*";

struct RenderedPage {
    std::shared_ptr<const http::PreparedResponse> response;
    std::vector<std::string> dependencies;  // e.g. "story:42", "section:world", "home"
    bool cacheable = true;                  // false: hand out once, keep nothing
};

struct PageCacheStats {
    uint64_t hits = 0;
    uint64_t misses = 0;
    uint64_t renders = 0;
    uint64_t evictions = 0;
    uint64_t invalidations = 0;
    size_t entries = 0;
    size_t bytes = 0;
};

class PageCache {
  public:
    explicit PageCache(size_t max_bytes, int shards = 16);
    ~PageCache();
    PageCache(const PageCache&) = delete;
    PageCache& operator=(const PageCache&) = delete;

    using Renderer = std::function<RenderedPage()>;

    // The cached response for key, or the one render() makes (stored unless
    // an invalidation raced with it). Exceptions from render reach every
    // caller waiting for it and nothing is stored.
    std::shared_ptr<const http::PreparedResponse> get(const std::string& key,
                                                      const Renderer& render);
    // Just a lookup; null on a miss.
    std::shared_ptr<const http::PreparedResponse> peek(std::string_view key);

    // Removes every page that depends on the key (kEverything: all pages).
    void invalidate(std::string_view dependency);
    void invalidate(const std::vector<std::string>& dependencies);
    void clear();

    PageCacheStats stats() const;

  private:
    struct Entry;
    struct Shard;
    struct Flight;
    void store(Shard& shard, const std::string& key, const RenderedPage& page);
    void evict_locked(Shard& shard);
    struct KeyHash {
        using is_transparent = void;
        size_t operator()(std::string_view key) const { return std::hash<std::string_view>{}(key); }
    };
    using EntryMap = std::unordered_map<std::string, Entry, KeyHash, std::equal_to<>>;
    Shard& shard_for(std::string_view key);
    void remove_locked(Shard& shard, EntryMap::iterator it);

    size_t shard_budget_;
    std::vector<std::unique_ptr<Shard>> shards_;
    std::atomic<uint64_t> epoch_{0};  // bumped by every invalidation
    std::atomic<uint64_t> renders_{0};
    std::atomic<uint64_t> invalidations_{0};
};

}  // namespace dateline

#include "render/page_cache.h"

#include <condition_variable>
#include <exception>

namespace dateline {

struct PageCache::Entry {
    std::shared_ptr<const http::PreparedResponse> response;
    std::vector<std::string> dependencies;
    size_t bytes = 0;
    std::list<std::string>::iterator lru;  // position in the shard's recency list
};

struct PageCache::Flight {
    std::mutex mutex;
    std::condition_variable done_cv;
    bool done = false;
    std::shared_ptr<const http::PreparedResponse> result;
    std::exception_ptr error;
};

struct PageCache::Shard {
    mutable std::mutex mutex;
    EntryMap entries;
    std::unordered_map<std::string, std::unordered_set<std::string>> by_dependency;
    std::unordered_map<std::string, std::shared_ptr<Flight>> flights;
    std::list<std::string> lru;  // most recent first
    size_t bytes = 0;
    uint64_t hits = 0, misses = 0, evictions = 0;
};

namespace {
size_t footprint(const http::PreparedResponse& r) {
    return r.identity.bytes.size() + (r.identity.body_file ? r.identity.body_file->size() : 0) +
           r.gzip.bytes.size() + r.not_modified.bytes.size() + r.not_modified_gzip.bytes.size() +
           r.status_line.size() + 256;
}
}  // namespace

PageCache::PageCache(size_t max_bytes, int shards)
    : shard_budget_(max_bytes / static_cast<size_t>(std::max(1, shards))) {
    for (int i = 0; i < std::max(1, shards); ++i)
        shards_.push_back(std::make_unique<Shard>());
}

PageCache::~PageCache() = default;

PageCache::Shard& PageCache::shard_for(std::string_view key) {
    return *shards_[KeyHash{}(key) % shards_.size()];
}

std::shared_ptr<const http::PreparedResponse> PageCache::peek(std::string_view key) {
    Shard& shard = shard_for(key);
    std::lock_guard lock(shard.mutex);
    auto it = shard.entries.find(key);
    if (it == shard.entries.end()) return nullptr;
    return it->second.response;
}

std::shared_ptr<const http::PreparedResponse> PageCache::get(const std::string& key,
                                                             const Renderer& render) {
    Shard& shard = shard_for(key);
    std::shared_ptr<Flight> flight;
    bool leader = false;
    {
        std::lock_guard lock(shard.mutex);
        auto it = shard.entries.find(key);
        if (it != shard.entries.end()) {
            ++shard.hits;
            shard.lru.splice(shard.lru.begin(), shard.lru, it->second.lru);
            return it->second.response;
        }
        ++shard.misses;
        auto& slot = shard.flights[key];
        if (!slot) {
            slot = std::make_shared<Flight>();
            leader = true;
        }
        flight = slot;
    }

    if (!leader) {
        std::unique_lock lock(flight->mutex);
        flight->done_cv.wait(lock, [&] { return flight->done; });
        if (flight->error) std::rethrow_exception(flight->error);
        return flight->result;
    }

    uint64_t epoch_before = epoch_.load();
    RenderedPage page;
    std::exception_ptr error;
    try {
        page = render();
        renders_.fetch_add(1, std::memory_order_relaxed);
    } catch (...) {
        error = std::current_exception();
    }
    {
        std::lock_guard lock(shard.mutex);
        shard.flights.erase(key);
        // A page rendered while something was invalidated may be stale: hand
        // it to the callers who asked, but keep nothing.
        if (!error && page.cacheable && page.response && epoch_.load() == epoch_before)
            store(shard, key, page);
    }
    {
        std::lock_guard lock(flight->mutex);
        flight->done = true;
        flight->result = page.response;
        flight->error = error;
    }
    flight->done_cv.notify_all();
    if (error) std::rethrow_exception(error);
    return page.response;
}

void PageCache::store(Shard& shard, const std::string& key, const RenderedPage& page) {
    auto existing = shard.entries.find(key);
    if (existing != shard.entries.end()) remove_locked(shard, existing);
    size_t bytes = footprint(*page.response) + key.size();
    if (bytes > shard_budget_) return;  // would evict everything else
    shard.lru.push_front(key);
    Entry entry{page.response, page.dependencies, bytes, shard.lru.begin()};
    for (const auto& dep : entry.dependencies)
        shard.by_dependency[dep].insert(key);
    shard.by_dependency[std::string(kEverything)].insert(key);
    shard.bytes += bytes;
    shard.entries.emplace(key, std::move(entry));
    evict_locked(shard);
}

void PageCache::evict_locked(Shard& shard) {
    while (shard.bytes > shard_budget_ && !shard.lru.empty()) {
        auto it = shard.entries.find(shard.lru.back());
        remove_locked(shard, it);
        ++shard.evictions;
    }
}

void PageCache::remove_locked(Shard& shard, EntryMap::iterator it) {
    Entry& entry = it->second;
    auto unlink = [&](const std::string& dep) {
        auto d = shard.by_dependency.find(dep);
        if (d == shard.by_dependency.end()) return;
        d->second.erase(it->first);
        if (d->second.empty()) shard.by_dependency.erase(d);
    };
    for (const auto& dep : entry.dependencies)
        unlink(dep);
    unlink(std::string(kEverything));
    shard.bytes -= entry.bytes;
    shard.lru.erase(entry.lru);
    shard.entries.erase(it);
}

void PageCache::invalidate(std::string_view dependency) {
    epoch_.fetch_add(1);
    invalidations_.fetch_add(1, std::memory_order_relaxed);
    std::string dep(dependency);
    for (auto& shard_ptr : shards_) {
        Shard& shard = *shard_ptr;
        std::lock_guard lock(shard.mutex);
        auto d = shard.by_dependency.find(dep);
        if (d == shard.by_dependency.end()) continue;
        std::vector<std::string> keys(d->second.begin(), d->second.end());
        for (const auto& key : keys) {
            auto it = shard.entries.find(key);
            if (it != shard.entries.end()) remove_locked(shard, it);
        }
    }
}

void PageCache::invalidate(const std::vector<std::string>& dependencies) {
    for (const auto& dep : dependencies)
        invalidate(dep);
}

void PageCache::clear() {
    invalidate(kEverything);
}

PageCacheStats PageCache::stats() const {
    PageCacheStats s;
    for (const auto& shard_ptr : shards_) {
        std::lock_guard lock(shard_ptr->mutex);
        s.hits += shard_ptr->hits;
        s.misses += shard_ptr->misses;
        s.evictions += shard_ptr->evictions;
        s.entries += shard_ptr->entries.size();
        s.bytes += shard_ptr->bytes;
    }
    s.renders = renders_.load();
    s.invalidations = invalidations_.load();
    return s;
}

}  // namespace dateline

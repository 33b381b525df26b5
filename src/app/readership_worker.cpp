#include "app/readership_worker.h"

#include <spdlog/spdlog.h>

#include "model/readership.h"

namespace dateline {

ReadershipWorker::ReadershipWorker(Store& store, Site& site, const Clock& clock,
                                   ReadershipSettings settings)
    : store_(store), site_(site), clock_(clock), settings_(settings) {
    site_.views().enable(true);
    thread_ = std::thread([this] { run(); });
}

ReadershipWorker::~ReadershipWorker() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
    site_.views().enable(false);
    // Views counted up to the last request served are stored before exit.
    if (auto st = flush(); !st)
        spdlog::error("readership: views lost at shutdown: {}", st.error().message);
}

Status ReadershipWorker::flush() {
    auto counts = site_.views().take();
    if (counts.empty()) return {};
    // The worker also flushes just after each hour's turn, so a view lands
    // in the hour it was counted in (give or take a second).
    int64_t hour = hour_of(clock_.now());
    std::vector<StoryViews> views;
    views.reserve(counts.size());
    for (const auto& [id, n] : counts)
        views.push_back({id, hour, n});
    Status st;
    try {
        st = store_.readership().add_views(views);
    } catch (const std::exception& e) {
        st = Error::io(std::string("cannot store story views: ") + e.what());
    }
    if (!st) site_.views().restore(counts);
    return st;
}

void ReadershipWorker::rank() {
    auto weights =
        decay_weights(hour_of(clock_.now()), settings_.half_life_hours, settings_.window_hours);
    size_t wanted = std::max(settings_.most_read, settings_.trending_from);
    auto ranked = store_.readership().most_read(weights, static_cast<int>(wanted));
    ReadershipLists lists;
    for (size_t i = 0; i < ranked.size() && i < settings_.most_read; ++i)
        lists.most_read.push_back(ranked[i].id);
    std::vector<int64_t> ids;
    for (const auto& r : ranked)
        ids.push_back(r.id);
    lists.trending =
        rank_trending_tags(ranked, store_.readership().tags_of(ids), settings_.trending);
    site_.publish_readership(std::move(lists));
}

void ReadershipWorker::run() {
    using Steady = std::chrono::steady_clock;
    auto next_rank = Steady::now();
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        lock.unlock();
        if (auto st = flush(); !st) spdlog::error("readership: {}", st.error().message);
        if (Steady::now() >= next_rank) {
            try {
                rank();
            } catch (const std::exception& e) {
                spdlog::error("readership: ranking failed: {}", e.what());
            }
            next_rank = Steady::now() + settings_.rank_interval;
        }
        // Also wake just after the hour turns, so that each hour's views
        // are filed under it.
        auto seconds = clock_.now().time_since_epoch().count();
        std::chrono::seconds to_next_hour(3600 - ((seconds % 3600) + 3600) % 3600 + 1);
        Steady::duration wait = std::min<Steady::duration>(
            {settings_.flush_interval, next_rank - Steady::now(), to_next_hour});
        lock.lock();
        wake_.wait_for(lock, wait, [&] { return stopping_; });
    }
}

}  // namespace dateline

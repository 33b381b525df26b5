// The background side of readership (docs/readership.md): flushes the views
// the site counted into hourly buckets in the store, and every so often
// ranks Most Read stories and Trending topics and publishes them to the site.
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include "app/readership_settings.h"
#include "site/site.h"
#include "store/store.h"
#include "util/clock.h"
#include "util/status.h"

namespace dateline {

class ReadershipWorker {
  public:
    // Starts the thread: it ranks at once, then flushes every flush_interval
    // and ranks every rank_interval. The store, site and clock must outlive it.
    ReadershipWorker(Store& store, Site& site, const Clock& clock, ReadershipSettings settings);
    // Stops the thread and flushes the views still pending.
    ~ReadershipWorker();
    ReadershipWorker(const ReadershipWorker&) = delete;
    ReadershipWorker& operator=(const ReadershipWorker&) = delete;

    // Stores the views counted so far. On failure the views go back to the
    // counter for the next attempt and the error is returned.
    Status flush();
    // Computes the lists from the stored views and publishes them.
    void rank();

  private:
    void run();

    Store& store_;
    Site& site_;
    const Clock& clock_;
    ReadershipSettings settings_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace dateline

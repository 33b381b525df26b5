// Publishes scheduled stories when their time comes: once at start (for
// what came due while the server was down) and then every interval on a
// thread of its own, so a story goes live within a second of its time.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace dateline {

class Scheduler {
  public:
    // publish_due returns how many stories it published; it runs once
    // before the constructor returns.
    Scheduler(std::function<int()> publish_due,
              std::chrono::milliseconds interval = std::chrono::milliseconds(250));
    ~Scheduler();
    Scheduler(const Scheduler&) = delete;
    Scheduler& operator=(const Scheduler&) = delete;

  private:
    void run();
    void tick();

    std::function<int()> publish_due_;
    std::chrono::milliseconds interval_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace dateline

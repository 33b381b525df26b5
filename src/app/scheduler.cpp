#include "app/scheduler.h"

#include <spdlog/spdlog.h>

namespace dateline {

Scheduler::Scheduler(std::function<int()> publish_due, std::chrono::milliseconds interval)
    : publish_due_(std::move(publish_due)), interval_(interval) {
    tick();
    thread_ = std::thread([this] { run(); });
}

Scheduler::~Scheduler() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void Scheduler::tick() {
    try {
        if (int n = publish_due_(); n > 0) spdlog::info("scheduler: published {} stories", n);
    } catch (const std::exception& e) {
        spdlog::error("scheduler: {}", e.what());
    }
}

void Scheduler::run() {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, interval_, [&] { return stopping_; })) {
        lock.unlock();
        tick();
        lock.lock();
    }
}

}  // namespace dateline

// A queue between one producing and one consuming thread that holds at most
// a few items, so that a fast producer waits instead of filling memory.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>

namespace dateline {

template <class T>
class BoundedQueue {
  public:
    explicit BoundedQueue(size_t capacity) : capacity_(capacity) {}

    // Waits for room; false (item dropped) once the consumer has cancelled.
    bool push(T item) {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [this] { return items_.size() < capacity_ || cancelled_; });
        if (cancelled_) return false;
        items_.push_back(std::move(item));
        changed_.notify_all();
        return true;
    }
    // The producer is done: pop() returns nothing once the queue is empty.
    // With a failure, pop() rethrows it instead.
    void close(std::exception_ptr failure = nullptr) {
        std::lock_guard lock(mutex_);
        closed_ = true;
        failure_ = failure;
        changed_.notify_all();
    }
    // The next item in order; nothing after close() and the last item.
    std::optional<T> pop() {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [this] { return !items_.empty() || closed_; });
        if (items_.empty()) {
            if (failure_) std::rethrow_exception(failure_);
            return std::nullopt;
        }
        T item = std::move(items_.front());
        items_.pop_front();
        changed_.notify_all();
        return item;
    }
    // The consumer stops early: a waiting or later push() returns false.
    void cancel() {
        std::lock_guard lock(mutex_);
        cancelled_ = true;
        items_.clear();
        changed_.notify_all();
    }

  private:
    size_t capacity_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<T> items_;
    bool closed_ = false;
    bool cancelled_ = false;
    std::exception_ptr failure_;
};

}  // namespace dateline

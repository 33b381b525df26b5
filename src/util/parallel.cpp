#include "util/parallel.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace dateline {

void run_on_cores(size_t count, size_t max_threads, const std::function<void(size_t)>& work) {
    std::atomic<size_t> next{0};
    std::mutex failure_mutex;
    std::exception_ptr failure;
    auto run = [&] {
        for (size_t i = next++; i < count; i = next++) {
            try {
                work(i);
            } catch (...) {
                std::lock_guard lock(failure_mutex);
                if (!failure) failure = std::current_exception();
            }
        }
    };
    size_t threads = std::clamp<size_t>(std::thread::hardware_concurrency(), 1,
                                        std::max<size_t>(1, max_threads));
    std::vector<std::jthread> pool;
    for (size_t t = 1; t < std::min(threads, count); ++t)
        pool.emplace_back(run);
    run();
    pool.clear();  // joins
    if (failure) std::rethrow_exception(failure);
}

}  // namespace dateline

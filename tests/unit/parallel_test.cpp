// util/parallel.h: every index once, and a failure reported after the rest.
#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

#include "util/parallel.h"

namespace dateline {
namespace {

TEST(ParallelTest, EveryIndexIsWorkedOnceAndNothingElse) {
    std::vector<std::atomic<int>> calls(1000);
    run_on_cores(calls.size(), 8, [&](size_t i) { ++calls[i]; });
    for (size_t i = 0; i < calls.size(); ++i)
        ASSERT_EQ(calls[i].load(), 1) << "index " << i;
    bool called = false;
    run_on_cores(0, 8, [&](size_t) { called = true; });
    EXPECT_FALSE(called);
}

TEST(ParallelTest, OneThreadWorksOnTheCallersThread) {
    std::vector<std::thread::id> threads;
    run_on_cores(5, 1, [&](size_t) { threads.push_back(std::this_thread::get_id()); });
    EXPECT_EQ(threads, std::vector<std::thread::id>(5, std::this_thread::get_id()));
}

TEST(ParallelTest, AThrowingCallIsRethrownOnceTheOthersHaveRun) {
    std::atomic<int> done{0};
    EXPECT_THROW(run_on_cores(100, 8,
                              [&](size_t i) {
                                  if (i == 7) throw std::runtime_error("seven");
                                  ++done;
                              }),
                 std::runtime_error);
    EXPECT_EQ(done.load(), 99);
}

}  // namespace
}  // namespace dateline

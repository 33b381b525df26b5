#include "render/page_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <latch>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace dateline {
namespace {

using namespace std::chrono_literals;

RenderedPage make_page(const std::string& body, std::vector<std::string> deps = {}) {
    http::Response r;
    r.body = body;
    return RenderedPage{http::prepare(r), std::move(deps), true};
}

std::string body_of(const std::shared_ptr<const http::PreparedResponse>& p) {
    return p->identity.bytes.substr(p->identity.header_size);
}

constexpr size_t kBig = 64 * 1024 * 1024;

TEST(PageCache, MissRendersThenHitServesTheSameResponse) {
    PageCache cache(kBig);
    int calls = 0;
    auto render = [&] {
        ++calls;
        return make_page("<p>home</p>", {"latest"});
    };
    auto first = cache.get("/", render);
    auto second = cache.get("/", render);
    ASSERT_NE(first, nullptr);
    EXPECT_EQ(first, second);
    EXPECT_EQ(calls, 1);
    EXPECT_EQ(body_of(first), "<p>home</p>");
    EXPECT_EQ(cache.peek("/"), first);
    EXPECT_EQ(cache.peek("/missing"), nullptr);

    auto stats = cache.stats();
    EXPECT_EQ(stats.hits, 1u);
    EXPECT_EQ(stats.misses, 1u);
    EXPECT_EQ(stats.renders, 1u);
    EXPECT_EQ(stats.entries, 1u);
    EXPECT_GT(stats.bytes, first->identity.bytes.size());
    EXPECT_EQ(stats.evictions, 0u);
    EXPECT_EQ(stats.invalidations, 0u);
}

TEST(PageCache, DifferentKeysRenderSeparately) {
    PageCache cache(kBig);
    auto a = cache.get("/a", [] { return make_page("a"); });
    auto b = cache.get("/b", [] { return make_page("b"); });
    EXPECT_EQ(body_of(a), "a");
    EXPECT_EQ(body_of(b), "b");
    EXPECT_EQ(cache.stats().entries, 2u);
}

TEST(PageCache, ConcurrentMissesForOneKeyRenderOnce) {
    PageCache cache(kBig);
    constexpr int kThreads = 8;
    std::atomic<int> calls{0};
    auto render = [&] {
        calls.fetch_add(1);
        // Wait until every thread has missed and joined this render (bounded),
        // then take a while, as a real render would.
        auto deadline = std::chrono::steady_clock::now() + 2s;
        while (cache.stats().misses < kThreads && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(1ms);
        std::this_thread::sleep_for(50ms);
        return make_page("<p>breaking news</p>", {"story:1"});
    };
    std::latch start(kThreads);
    std::vector<std::shared_ptr<const http::PreparedResponse>> results(kThreads);
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i)
        threads.emplace_back([&, i] {
            start.arrive_and_wait();
            results[i] = cache.get("/breaking", render);
        });
    for (auto& t : threads)
        t.join();

    EXPECT_EQ(calls.load(), 1);
    for (const auto& r : results) {
        ASSERT_NE(r, nullptr);
        EXPECT_EQ(r, results[0]);
    }
    EXPECT_EQ(cache.stats().renders, 1u);
    EXPECT_EQ(cache.stats().misses, static_cast<uint64_t>(kThreads));
    EXPECT_EQ(cache.peek("/breaking"), results[0]);
}

TEST(PageCache, ConcurrentMissesForManyKeysAllComplete) {
    PageCache cache(kBig);
    std::atomic<int> calls{0};
    std::vector<std::thread> threads;
    std::atomic<int> wrong{0};
    for (int t = 0; t < 8; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < 200; ++i) {
                std::string key = "/k" + std::to_string(i % 20);
                auto r = cache.get(key, [&] {
                    calls.fetch_add(1);
                    return make_page(key);
                });
                if (!r || body_of(r) != key) ++wrong;
                if (i % 50 == 0) cache.invalidate("unrelated");
            }
        });
    for (auto& t : threads)
        t.join();
    EXPECT_EQ(wrong.load(), 0);
    EXPECT_GE(calls.load(), 20);
    EXPECT_LE(cache.stats().entries, 20u);
}

TEST(PageCache, InvalidateRemovesOnlyDependentPages) {
    PageCache cache(kBig);
    cache.get("/", [] { return make_page("home", {"latest", "story:1", "story:2"}); });
    cache.get("/world/a-1", [] { return make_page("one", {"story:1", "section:world"}); });
    cache.get("/world/b-2", [] { return make_page("two", {"story:2", "section:world"}); });
    cache.get("/about", [] { return make_page("about", {"page:about"}); });

    cache.invalidate("story:1");
    EXPECT_EQ(cache.peek("/"), nullptr);
    EXPECT_EQ(cache.peek("/world/a-1"), nullptr);
    EXPECT_NE(cache.peek("/world/b-2"), nullptr);
    EXPECT_NE(cache.peek("/about"), nullptr);
    EXPECT_EQ(cache.stats().entries, 2u);
    EXPECT_EQ(cache.stats().invalidations, 1u);

    // An unknown key removes nothing.
    cache.invalidate("story:999");
    EXPECT_EQ(cache.stats().entries, 2u);

    cache.invalidate(std::vector<std::string>{"section:world", "page:about"});
    EXPECT_EQ(cache.stats().entries, 0u);
    EXPECT_EQ(cache.stats().bytes, 0u);
}

TEST(PageCache, InvalidatedPageIsRenderedAgain) {
    PageCache cache(kBig);
    int version = 0;
    auto render = [&] { return make_page("v" + std::to_string(++version), {"story:1"}); };
    EXPECT_EQ(body_of(cache.get("/s", render)), "v1");
    EXPECT_EQ(body_of(cache.get("/s", render)), "v1");
    cache.invalidate("story:1");
    EXPECT_EQ(body_of(cache.get("/s", render)), "v2");
}

TEST(PageCache, InvalidateEverythingRemovesAllPages) {
    PageCache cache(kBig);
    for (int i = 0; i < 40; ++i)
        cache.get("/p" + std::to_string(i), [i] {
            return make_page("page " + std::to_string(i), {"story:" + std::to_string(i)});
        });
    cache.get("/none", [] { return make_page("no dependencies"); });
    EXPECT_EQ(cache.stats().entries, 41u);
    cache.invalidate(kEverything);
    EXPECT_EQ(cache.stats().entries, 0u);
    EXPECT_EQ(cache.stats().bytes, 0u);
    for (int i = 0; i < 40; ++i)
        EXPECT_EQ(cache.peek("/p" + std::to_string(i)), nullptr);
    EXPECT_EQ(cache.peek("/none"), nullptr);
}

TEST(PageCache, ClearRemovesAllPages) {
    PageCache cache(kBig);
    cache.get("/a", [] { return make_page("a", {"x"}); });
    cache.clear();
    EXPECT_EQ(cache.peek("/a"), nullptr);
    EXPECT_EQ(cache.stats().entries, 0u);
}

TEST(PageCache, ByteBoundEvictsTheLeastRecentlyUsed) {
    // Measure one page's footprint, then allow three and a half of them in
    // a single shard.
    size_t one = 0;
    {
        PageCache probe(kBig, 1);
        probe.get("/a", [] { return make_page(std::string(1000, 'a')); });
        one = probe.stats().bytes;
    }
    ASSERT_GT(one, 1000u);
    PageCache cache(one * 3 + one / 2, 1);
    auto page = [](char c) { return [c] { return make_page(std::string(1000, c)); }; };
    cache.get("/a", page('a'));
    cache.get("/b", page('b'));
    cache.get("/c", page('c'));
    EXPECT_EQ(cache.stats().entries, 3u);
    cache.get("/a", page('a'));  // a is now the most recently used; b the least
    cache.get("/d", page('d'));

    EXPECT_EQ(cache.peek("/b"), nullptr);
    EXPECT_NE(cache.peek("/a"), nullptr);
    EXPECT_NE(cache.peek("/c"), nullptr);
    EXPECT_NE(cache.peek("/d"), nullptr);
    auto stats = cache.stats();
    EXPECT_EQ(stats.entries, 3u);
    EXPECT_EQ(stats.evictions, 1u);
    EXPECT_LE(stats.bytes, one * 3 + one / 2);
}

TEST(PageCache, PageLargerThanTheBudgetIsServedButNotKept) {
    PageCache cache(4096, 1);
    int calls = 0;
    auto render = [&] {
        ++calls;
        return make_page(std::string(10000, 'x'));
    };
    auto r = cache.get("/huge", render);
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(body_of(r).size(), 10000u);
    EXPECT_EQ(cache.peek("/huge"), nullptr);
    cache.get("/huge", render);
    EXPECT_EQ(calls, 2);
}

TEST(PageCache, RenderRacingAnInvalidationIsReturnedButNotStored) {
    PageCache cache(kBig);
    auto r = cache.get("/story", [&] {
        // Someone publishes while this page is being built.
        std::thread publisher([&] { cache.invalidate("story:1"); });
        publisher.join();
        return make_page("possibly stale", {"story:1"});
    });
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(body_of(r), "possibly stale");
    EXPECT_EQ(cache.peek("/story"), nullptr);
    EXPECT_EQ(cache.stats().entries, 0u);

    // The next request renders afresh and is kept.
    auto again = cache.get("/story", [] { return make_page("fresh", {"story:1"}); });
    EXPECT_EQ(body_of(again), "fresh");
    EXPECT_EQ(cache.peek("/story"), again);
}

TEST(PageCache, UncacheablePageIsHandedOutOnce) {
    PageCache cache(kBig);
    int calls = 0;
    auto render = [&] {
        ++calls;
        RenderedPage p = make_page("search results");
        p.cacheable = false;
        return p;
    };
    EXPECT_EQ(body_of(cache.get("/search?q=x", render)), "search results");
    EXPECT_EQ(cache.peek("/search?q=x"), nullptr);
    cache.get("/search?q=x", render);
    EXPECT_EQ(calls, 2);
}

TEST(PageCache, RendererExceptionReachesTheCallerAndNothingIsStored) {
    PageCache cache(kBig);
    EXPECT_THROW(
        cache.get("/broken", []() -> RenderedPage { throw std::runtime_error("db down"); }),
        std::runtime_error);
    EXPECT_EQ(cache.peek("/broken"), nullptr);
    EXPECT_EQ(cache.stats().entries, 0u);
    EXPECT_EQ(cache.stats().renders, 0u);
    // The key is not stuck: the next request renders.
    auto ok = cache.get("/broken", [] { return make_page("recovered"); });
    EXPECT_EQ(body_of(ok), "recovered");
}

TEST(PageCache, RendererExceptionReachesEveryWaitingCaller) {
    PageCache cache(kBig);
    constexpr int kThreads = 4;
    std::atomic<int> calls{0};
    std::atomic<int> thrown{0};
    auto render = [&]() -> RenderedPage {
        calls.fetch_add(1);
        auto deadline = std::chrono::steady_clock::now() + 2s;
        while (cache.stats().misses < kThreads && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(1ms);
        std::this_thread::sleep_for(20ms);
        throw std::runtime_error("template error");
    };
    std::latch start(kThreads);
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i)
        threads.emplace_back([&] {
            start.arrive_and_wait();
            try {
                cache.get("/broken", render);
            } catch (const std::runtime_error& e) {
                if (std::string(e.what()) == "template error") ++thrown;
            }
        });
    for (auto& t : threads)
        t.join();
    EXPECT_EQ(calls.load(), 1);
    EXPECT_EQ(thrown.load(), kThreads);
    EXPECT_EQ(cache.peek("/broken"), nullptr);
}

}  // namespace
}  // namespace dateline

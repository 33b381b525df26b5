// Micro-benchmarks of the serving hot path: cache-miss renders of a story,
// the home page and a section page, a cache hit, and a publish (write +
// invalidation). The site comes from DATELINE_BENCH_DATA when set (a folder
// made by `dateline demo --stories N`), otherwise 10,000 generated stories
// in a temporary folder.
#include <benchmark/benchmark.h>

#include "bench_site.h"
#include "model/dependencies.h"
#include "model/related.h"
#include "site/countable_view.h"
#include "site/view_counter.h"
#include "util/allocator.h"

namespace dateline {
namespace {

struct Fixture : BenchSite {
    int64_t story_id = 0;
    std::string story_path;

    Fixture() : BenchSite("dateline-render-bench", 256u << 20) {
        StoryQuery q;
        q.limit = 1;
        q.offset = 50;
        q.count_total = false;
        auto s = store->stories().latest(q).items.at(0);
        story_id = s.id;
        story_path = "/" + s.section.slug + "/" + s.slug + "-" + std::to_string(s.id);
    }
};

Fixture& fixture() {
    static Fixture f;
    return f;
}

// Renders the fixture's story page once per iteration, after dropping what
// `site_wide` names through the site (page, shared lists, cards), or only
// the page itself through the page cache when it is empty.
void story_miss(benchmark::State& state, const std::vector<std::string>& site_wide) {
    auto& f = fixture();
    std::vector<std::string> page{deps::story(f.story_id)};
    for (auto _ : state) {
        if (site_wide.empty())
            f.cache->invalidate(page);
        else
            f.site->invalidate(site_wide);
        auto r = f.get(f.story_path);
        benchmark::DoNotOptimize(r.prepared);
    }
}

// A story page that is not in the page cache (read for the first time, or
// evicted) while the lists and cards it shares with other pages are kept.
void BM_StoryCacheMiss(benchmark::State& state) {
    story_miss(state, {});
}
BENCHMARK(BM_StoryCacheMiss)->Unit(benchmark::kMicrosecond);

// An edit of the story drops its page, its card and the rail lists
// (through "latest"), which the first page read after it reads again.
void BM_StoryCacheMissAfterEdit(benchmark::State& state) {
    auto& f = fixture();
    story_miss(state, deps::touched_by(*f.store->stories().published_page(f.story_id)));
}
BENCHMARK(BM_StoryCacheMissAfterEdit)->Unit(benchmark::kMicrosecond);

// Nothing shared kept: a change to the navigation (a section or author
// edited) drops every page, the rail lists and the story cards, so the next
// story read after it builds all of them.
void BM_StoryCacheMissCold(benchmark::State& state) {
    story_miss(state, {std::string(kEverything)});
}
BENCHMARK(BM_StoryCacheMissCold)->Unit(benchmark::kMicrosecond);

void BM_HomeCacheMiss(benchmark::State& state) {
    auto& f = fixture();
    std::vector<std::string> keys{"home"};
    for (auto _ : state) {
        f.cache->invalidate(keys);
        auto r = f.get("/");
        benchmark::DoNotOptimize(r.prepared);
    }
}
BENCHMARK(BM_HomeCacheMiss)->Unit(benchmark::kMicrosecond);

void BM_SectionCacheMiss(benchmark::State& state) {
    auto& f = fixture();
    std::vector<std::string> keys{"section:politics"};
    for (auto _ : state) {
        f.cache->invalidate(keys);
        auto r = f.get("/politics");
        benchmark::DoNotOptimize(r.prepared);
    }
}
BENCHMARK(BM_SectionCacheMiss)->Unit(benchmark::kMicrosecond);

void BM_StoryCacheHit(benchmark::State& state) {
    auto& f = fixture();
    f.get(f.story_path);
    for (auto _ : state) {
        auto r = f.get(f.story_path);
        benchmark::DoNotOptimize(r.prepared);
    }
}
BENCHMARK(BM_StoryCacheHit);

constexpr std::string_view kChromeAgent =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36";

// The part of counting that reads the User-Agent (a reader's: every marker
// is looked for).
void BM_NonReaderAgentCheck(benchmark::State& state) {
    for (auto _ : state)
        benchmark::DoNotOptimize(is_non_reader_agent(kChromeAgent));
}
BENCHMARK(BM_NonReaderAgentCheck);

// The part of counting that adds to the sharded counter.
void BM_ViewCounterAdd(benchmark::State& state) {
    ViewCounter counter;
    for (auto _ : state)
        counter.add(42);
    benchmark::DoNotOptimize(counter.take());
}
BENCHMARK(BM_ViewCounterAdd);

// The same cache hit with readership counting on (docs/readership.md): a
// browser's GET is checked (method, status, path, validators, User-Agent,
// prefetch headers) and counted in the sharded in-memory counter.
void BM_StoryCacheHitCounted(benchmark::State& state) {
    auto& f = fixture();
    f.get(f.story_path);
    f.site->views().enable(true);
    http::Request r;
    r.method = http::Method::get;
    r.target = r.path = f.story_path;
    r.user_agent = kChromeAgent;
    for (auto _ : state) {
        auto response = f.site->handle(r);
        benchmark::DoNotOptimize(response.prepared);
    }
    f.site->views().enable(false);
    if (f.site->views().take().empty()) state.SkipWithError("nothing was counted");
}
BENCHMARK(BM_StoryCacheHitCounted);

// What Related stories add to a story's render: the bounded tag queries
// (frequency up to 1,000 and the 30 newest per tag), the headlines, the
// ranking and the summaries of the four shown.
void BM_RelatedStories(benchmark::State& state) {
    auto& f = fixture();
    for (auto _ : state) {
        auto ids = rank_related(f.store->readership().related_inputs(f.story_id, 30, 1000),
                                {f.story_id}, 4);
        benchmark::DoNotOptimize(f.store->stories().summaries(ids));
    }
}
BENCHMARK(BM_RelatedStories)->Unit(benchmark::kMicrosecond);

// A publish: a durable write of the story, its change-log entry, and the
// invalidation of the pages it touched.
void BM_PublishUpdate(benchmark::State& state) {
    auto& f = fixture();
    auto story = f.store->stories().by_id(f.story_id).value();
    int n = 0;
    for (auto _ : state) {
        story.standfirst = "Updated standfirst " + std::to_string(++n);
        if (!f.store->stories().update(story)) std::abort();
        ++story.version;
        auto page = f.store->stories().published_page(story.id);
        auto keys = deps::touched_by(*page);
        if (!f.store->changes().append(keys)) std::abort();
        f.site->invalidate(keys);
    }
}
BENCHMARK(BM_PublishUpdate)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace dateline

// The server's allocator settings (http::Server sets them), so that renders
// here allocate as they do there.
int main(int argc, char** argv) {
    dateline::keep_freed_heap_for_reuse();
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}

// Micro-benchmarks of the serving hot path: cache-miss renders of a story,
// the home page and a section page, a cache hit, and a publish (write +
// invalidation). The site comes from DATELINE_BENCH_DATA when set (a folder
// made by `dateline demo --stories N`), otherwise 10,000 generated stories
// in a temporary folder.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <memory>

#include "app/application.h"
#include "demo/demo_site.h"
#include "media/media_storage.h"
#include "model/dependencies.h"
#include "model/site_time.h"
#include "render/page_cache.h"
#include "render/theme.h"
#include "site/site.h"
#include "store/store.h"

namespace dateline {
namespace {

namespace fs = std::filesystem;

struct Fixture {
    fs::path dir;
    std::unique_ptr<Store> store;
    std::unique_ptr<MediaStorage> media;
    std::unique_ptr<PageCache> cache;
    std::unique_ptr<Site> site;
    SystemClock clock;
    int64_t story_id = 0;
    std::string story_path;

    Fixture() {
        const char* given = std::getenv("DATELINE_BENCH_DATA");
        dir = given ? fs::path(given) : fs::temp_directory_path() / "dateline-render-bench";
        StoreOptions options;
        options.sqlite_path = dir / "dateline.db";
        fs::create_directories(dir);
        store = std::move(*open_store(options));
        media = std::make_unique<MediaStorage>(dir / "media");
        if (store->is_empty()) {
            if (!seed_demo_site(*store, *media, clock, share_dir() / "demo" / "site.json"))
                std::abort();
            if (!generate_stories(*store, *media, 10000)) std::abort();
        }
        cache = std::make_unique<PageCache>(256u << 20);
        auto theme = Theme::load(share_dir() / "themes" / "broadsheet");
        auto time = SiteTime::open("Asia/Kolkata");
        site = std::make_unique<Site>(
            SiteParts{*store, *theme, *cache, *time, *media, clock, SiteInfo{}});
        StoryQuery q;
        q.limit = 1;
        q.offset = 50;
        q.count_total = false;
        auto s = store->stories().latest(q).items.at(0);
        story_id = s.id;
        story_path = story_path_of(s);
    }
    static std::string story_path_of(const StorySummary& s) {
        return "/" + s.section.slug + "/" + s.slug + "-" + std::to_string(s.id);
    }
    http::Response get(std::string_view path) {
        http::Request r;
        r.method = http::Method::get;
        r.target = r.path = path;
        return site->handle(r);
    }
};

Fixture& fixture() {
    static Fixture f;
    return f;
}

void BM_StoryCacheMiss(benchmark::State& state) {
    auto& f = fixture();
    std::vector<std::string> keys{deps::story(f.story_id)};
    for (auto _ : state) {
        f.cache->invalidate(keys);
        auto r = f.get(f.story_path);
        benchmark::DoNotOptimize(r.prepared);
    }
}
BENCHMARK(BM_StoryCacheMiss)->Unit(benchmark::kMicrosecond);

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

BENCHMARK_MAIN();

// How long regenerating feeds and sitemaps takes after a publish, on the
// site in DATELINE_BENCH_DATA (a folder made by `dateline demo --stories N`),
// otherwise 10,000 generated stories in a temporary folder. Every render
// goes through Site::handle, so it includes the store reads, the XML or
// JSON, and preparing the identity and gzip bodies.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "app/application.h"
#include "demo/demo_site.h"
#include "feeds/sitemaps.h"
#include "media/media_storage.h"
#include "model/site_time.h"
#include "render/page_cache.h"
#include "render/theme.h"
#include "site/site.h"
#include "store/store.h"

namespace dateline {
namespace {

namespace fs = std::filesystem;

struct FeedsFixture {
    fs::path dir;
    std::unique_ptr<Store> store;
    std::unique_ptr<MediaStorage> media;
    std::unique_ptr<PageCache> cache;
    std::unique_ptr<Site> site;
    SystemClock clock;
    std::vector<std::string> feed_paths;     // every feed of every scope
    std::vector<std::string> sitemap_paths;  // the index, news, pages, every month part

    FeedsFixture() {
        const char* given = std::getenv("DATELINE_BENCH_DATA");
        dir = given ? fs::path(given) : fs::temp_directory_path() / "dateline-feeds-bench";
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
        cache = std::make_unique<PageCache>(1024u << 20);
        auto theme = Theme::load(share_dir() / "themes" / "broadsheet");
        auto time = SiteTime::open("Asia/Kolkata");
        site = std::make_unique<Site>(
            SiteParts{*store, *theme, *cache, *time, *media, clock, SiteInfo{}});

        std::vector<std::string> prefixes{""};
        for (const auto& s : store->sections().list())
            prefixes.push_back("/" + s.slug);
        for (const auto& t : store->tags().list())
            prefixes.push_back("/tag/" + t.slug);
        for (const auto& a : store->authors().list())
            prefixes.push_back("/author/" + a.slug);
        for (const auto& p : prefixes)
            for (const char* file : {"/feed.xml", "/atom.xml", "/feed.json"})
                feed_paths.push_back(p + file);
        sitemap_paths = {"/sitemap.xml", "/sitemaps/news.xml", "/sitemaps/pages.xml",
                         "/robots.txt"};
        feeds::SitemapLimits limits;
        for (const auto& m : store->stories().published_months())
            for (int part = 1;
                 part <= (m.stories + limits.urls_per_file - 1) / limits.urls_per_file; ++part)
                sitemap_paths.push_back(feeds::month_path({m.year, m.month, part}));
    }
    size_t get(const std::string& path) {
        http::Request r;
        r.method = http::Method::get;
        r.target = r.path = path;
        auto response = site->handle(r);
        if (!response.prepared || response.prepared->status != 200) std::abort();
        return response.prepared->body_size();
    }
};

FeedsFixture& fixture() {
    static FeedsFixture f;
    return f;
}

// Everything at once: what a publish that touched every key would cost.
void BM_RegenerateEveryFeedAndSitemap(benchmark::State& state) {
    auto& f = fixture();
    size_t bytes = 0;
    for (auto _ : state) {
        f.cache->clear();
        for (const auto& p : f.feed_paths)
            bytes += f.get(p);
        for (const auto& p : f.sitemap_paths)
            bytes += f.get(p);
    }
    state.counters["feeds"] = static_cast<double>(f.feed_paths.size());
    state.counters["sitemaps"] = static_cast<double>(f.sitemap_paths.size());
    state.counters["stories"] = static_cast<double>(f.store->stories().count());
    state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_RegenerateEveryFeedAndSitemap)->Unit(benchmark::kMillisecond)->MinTime(3.0);

void miss(benchmark::State& state, const std::string& path) {
    auto& f = fixture();
    for (auto _ : state) {
        f.cache->clear();
        benchmark::DoNotOptimize(f.get(path));
    }
}
void BM_SiteRssMiss(benchmark::State& state) {
    miss(state, "/feed.xml");
}
BENCHMARK(BM_SiteRssMiss)->Unit(benchmark::kMillisecond);
void BM_SitemapIndexMiss(benchmark::State& state) {
    miss(state, "/sitemap.xml");
}
BENCHMARK(BM_SitemapIndexMiss)->Unit(benchmark::kMillisecond);
void BM_NewsSitemapMiss(benchmark::State& state) {
    miss(state, "/sitemaps/news.xml");
}
BENCHMARK(BM_NewsSitemapMiss)->Unit(benchmark::kMillisecond);
void BM_MonthSitemapMiss(benchmark::State& state) {
    miss(state, fixture().sitemap_paths.back());
}
BENCHMARK(BM_MonthSitemapMiss)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace dateline

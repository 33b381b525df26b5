// How long regenerating feeds and sitemaps takes after a publish, on the
// site in DATELINE_BENCH_DATA (a folder made by `dateline demo --stories N`),
// otherwise 10,000 generated stories in a temporary folder. Every render
// goes through Site::handle, so it includes the store reads, the XML or
// JSON, and preparing the identity and gzip bodies.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "bench_site.h"
#include "feeds/sitemaps.h"

namespace dateline {
namespace {

struct FeedsFixture : BenchSite {
    std::vector<std::string> feed_paths;     // every feed of every scope
    std::vector<std::string> sitemap_paths;  // the index, news, pages, every month part

    FeedsFixture() : BenchSite("dateline-feeds-bench", 1024u << 20) {
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
    // The body's size, after a GET through the site.
    size_t get_bytes(const std::string& path) {
        auto response = get(path);
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
            bytes += f.get_bytes(p);
        for (const auto& p : f.sitemap_paths)
            bytes += f.get_bytes(p);
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
        benchmark::DoNotOptimize(f.get_bytes(path));
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

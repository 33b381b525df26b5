// Search: typical reader queries through the search service (parse, FTS5
// match and BM25 ranking, snippets, summaries) and one through the whole
// site (/search.json). Besides the mean, each case reports the p50 and p99
// of its iterations (counters p50_us and p99_us). Run on 100,000 stories
// with DATELINE_BENCH_DATA=DIR (a folder made by `dateline demo --stories
// 100000`); otherwise 10,000 stories in a temporary folder.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <vector>

#include "bench_site.h"
#include "search/search_service.h"

namespace dateline {
namespace {

struct Fixture : BenchSite {
    search::SearchService service{store->search(), nullptr};
    int64_t politics = 0;
    int64_t author = 0;  // the first listed: a demo byline with its share of the stories
    Fixture() : BenchSite("dateline-render-bench", 256u << 20) {
        if (auto s = store->sections().by_slug("politics")) politics = s->id;
        if (auto all = store->authors().list(); !all.empty()) author = all.front().id;
    }
};

Fixture& fixture() {
    static Fixture f;
    return f;
}

// Times each iteration and reports its percentiles as counters.
template <class Body>
void timed(benchmark::State& state, Body body) {
    std::vector<double> micros;
    for (auto _ : state) {
        auto start = std::chrono::steady_clock::now();
        body();
        micros.push_back(
            std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
                .count());
    }
    std::sort(micros.begin(), micros.end());
    auto at = [&](double q) {
        return micros[std::min(micros.size() - 1, size_t(q * micros.size()))];
    };
    if (!micros.empty()) {
        state.counters["p50_us"] = at(0.50);
        state.counters["p99_us"] = at(0.99);
    }
}

void search_case(benchmark::State& state, const char* query, bool by_date, bool in_politics,
                 bool by_author = false) {
    auto& f = fixture();
    search::SearchRequest request;
    request.query = query;
    if (by_date) request.order = StorySearch::Order::newest;
    if (in_politics && f.politics) request.section_id = f.politics;
    if (by_author && f.author) request.author_id = f.author;
    int64_t total = 0;
    timed(state, [&] {
        auto r = f.service.search(request);
        total = r.total;
        benchmark::DoNotOptimize(r.results.data());
    });
    state.counters["matches"] = static_cast<double>(total);
}

BENCHMARK_CAPTURE(search_case, place, "ravensford", false, false)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(search_case, rare_phrase, "\"calder bay unveils\"", false, false)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(search_case, two_words, "harbour expansion", false, false)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(search_case, phrase, "\"flood defence spending\"", false, false)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(search_case, prefix, "fund*", false, false)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(search_case, prefix_by_date, "fund*", true, false)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(search_case, prefix_and_word, "harbour fund*", false, false)
    ->Unit(benchmark::kMicrosecond);
// 47 words begin "con" (most from the demo site's stories), all rare.
BENCHMARK_CAPTURE(search_case, prefix_of_many_words, "con*", false, false)
    ->Unit(benchmark::kMicrosecond);
// Words the stemmer would shorten again ("propos", kept for "proposal", in
// every twelfth sentence), named by a spelling that stems to them.
BENCHMARK_CAPTURE(search_case, prefix_of_restemmed_words, "pro*", false, false)
    ->Unit(benchmark::kMicrosecond);
// "for", in nearly every story, among 20 words.
BENCHMARK_CAPTURE(search_case, prefix_of_a_common_word, "for*", false, false)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(search_case, three_words, "port halden budget", false, false)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(search_case, by_date_in_section, "ferry", true, true)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(search_case, by_date, "ferry", true, false)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(search_case, by_date_by_author, "ferry", true, false, true)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(search_case, common_word_by_date_by_author, "the", true, false, true)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(search_case, in_section, "harbour", false, true)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(search_case, common_word, "the", false, false)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(search_case, common_word_by_date, "the", true, false)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(search_case, no_match, "zanzibar", false, false)->Unit(benchmark::kMicrosecond);

void BM_SearchJsonThroughSite(benchmark::State& state) {
    auto& f = fixture();
    timed(state, [&] {
        http::Request r;
        r.method = http::Method::get;
        r.target = "/search.json?q=harbour+expansion";
        http::split_target(r.target, r.path, r.query);
        auto response = f.site->handle(r);
        benchmark::DoNotOptimize(response.body.data());
    });
}
BENCHMARK(BM_SearchJsonThroughSite)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace dateline

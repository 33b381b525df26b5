// The content pipeline on a typical 1,500-word story: Markdown with
// headings, links, emphasis, a captioned image, an embed, a pull quote and a
// fact box. Reports bytes of source per second (MB/s). The two HTML parsers
// on the HTML that story becomes before it is sanitized: the fast one
// beside gumbo, its reference.
#include <benchmark/benchmark.h>

#include <string>

#include "content/body.h"
#include "content/expand.h"
#include "content/html_parse.h"

namespace {

class BenchContext : public dateline::ContentContext {
  public:
    std::optional<dateline::ImageRef> image(int64_t id) const override {
        return dateline::ImageRef{"/media/" + std::to_string(id) + ".jpg", "A photo", "", 800, 600};
    }
    std::optional<dateline::StoryRef> story(int64_t id) const override {
        return dateline::StoryRef{"/politics/story-" + std::to_string(id), "A related story"};
    }
    std::string site_url() const override { return "https://news.example"; }
};

// About 1,500 words in 26 paragraphs, with the usual furniture.
std::string typical_story() {
    const std::string sentence =
        "The finance minister told the assembly on Tuesday that the *budget* would be "
        "balanced by next year, citing [new figures](https://news.example/economy/figures-41) "
        "and a **steady** rise in revenue. ";
    std::string story;
    for (int p = 0; p < 26; ++p) {
        if (p % 8 == 0) story += "## Section " + std::to_string(p / 8 + 1) + "\n\n";
        story += sentence + sentence + "Opposition members were not convinced.\n\n";
        if (p == 4)
            story +=
                "[caption align=\"alignright\"]<img src=\"/media/a.jpg\" alt=\"The "
                "assembly\" width=\"800\" height=\"600\"> The assembly in session[/caption]\n\n";
        if (p == 10) story += "https://www.youtube.com/watch?v=SQEQr7c0-dw\n\n";
        if (p == 16)
            story += "[pullquote cite=\"The minister\"]We will balance it.[/pullquote]\n\n";
        if (p == 22)
            story +=
                "[factbox title=\"Key figures\"]\n- Deficit: 2.1%\n- Debt: 48%\n[/factbox]\n\n";
        if (p == 26) story += "[related id=45]\n\n";
    }
    return story;
}

void BM_RenderTypicalStory(benchmark::State& state) {
    const std::string story = typical_story();
    BenchContext context;
    int words = 0;
    for (auto _ : state) {
        auto body = dateline::render_body(dateline::BodyFormat::markdown, story, &context);
        words = body.word_count;
        benchmark::DoNotOptimize(body.html.data());
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                            static_cast<int64_t>(story.size()));
    state.counters["words"] = words;
    state.counters["source_bytes"] = static_cast<double>(story.size());
}
BENCHMARK(BM_RenderTypicalStory);

// The typical story as the sanitizer receives it.
std::string typical_story_html() {
    BenchContext context;
    dateline::ContentWarnings warnings;
    return dateline::expand_source(typical_story(), dateline::BodyFormat::markdown, &context,
                                   warnings);
}

void BM_ParseStoryHtmlPlain(benchmark::State& state) {
    const std::string html = typical_story_html();
    if (!dateline::parse_plain_html(html)) {
        state.SkipWithError("the fast parser declined the typical story");
        return;
    }
    for (auto _ : state) {
        auto parsed = dateline::parse_plain_html(html);
        benchmark::DoNotOptimize(parsed->nodes.data());
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                            static_cast<int64_t>(html.size()));
}
BENCHMARK(BM_ParseStoryHtmlPlain);

void BM_ParseStoryHtmlGumbo(benchmark::State& state) {
    const std::string html = typical_story_html();
    for (auto _ : state) {
        auto parsed = dateline::parse_html_with_gumbo(html);
        benchmark::DoNotOptimize(parsed.nodes.data());
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                            static_cast<int64_t>(html.size()));
}
BENCHMARK(BM_ParseStoryHtmlGumbo);

}  // namespace

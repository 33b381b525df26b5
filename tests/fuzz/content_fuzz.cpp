// libFuzzer target for the content pipeline: Markdown or HTML (first byte),
// shortcodes, the two HTML parsers (which must agree), sanitizer, derive. Crashes, sanitizer
// reports (ASan) and broken invariants are findings. Build and run: `make fuzz`.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "../unit/content_safety.h"
#include "content/body.h"
#include "content/html_parse.h"
#include "content/sanitizer.h"

namespace {

class FuzzContext : public dateline::ContentContext {
  public:
    std::optional<dateline::ImageRef> image(int64_t id) const override {
        if (id % 3 == 0) return std::nullopt;
        return dateline::ImageRef{"/media/" + std::to_string(id) + ".jpg", "alt \"<x>", "cap &",
                                  static_cast<int>(id % 2000), 10};
    }
    std::optional<dateline::StoryRef> story(int64_t id) const override {
        if (id % 2 == 0) return std::nullopt;
        return dateline::StoryRef{"/s/story-" + std::to_string(id), "Head <line>"};
    }
    std::string site_url() const override { return "https://news.example"; }
};

// Aborts (a finding) naming the broken invariant.
void check(bool ok, const char* what) {
    if (ok) return;
    std::fprintf(stderr, "content_fuzz: invariant broken: %s\n", what);
    std::abort();
}

bool contains_ci(std::string_view haystack, std::string_view needle) {
    for (size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
        size_t k = 0;
        while (k < needle.size() &&
               std::tolower(static_cast<unsigned char>(haystack[i + k])) == needle[k])
            ++k;
        if (k == needle.size()) return true;
    }
    return false;
}

// Every attribute name in serialized HTML (tags end at '>', values are
// double-quoted with '"' escaped, as the serializer writes them).
bool attributes_ok(std::string_view html) {
    size_t pos = 0;
    while ((pos = html.find('<', pos)) != std::string_view::npos) {
        size_t end = html.find('>', pos);
        if (end == std::string_view::npos) return false;
        std::string_view tag = html.substr(pos + 1, end - pos - 1);
        pos = end + 1;
        size_t i = tag.find(' ');
        while (i != std::string_view::npos && i < tag.size()) {
            while (i < tag.size() && tag[i] == ' ')
                ++i;
            size_t name_end = tag.find_first_of("= /", i);
            std::string_view name = tag.substr(i, name_end - i);
            if (contains_ci(name.substr(0, 2), "on") || name == "style" || name == "srcdoc")
                return false;
            if (name_end == std::string_view::npos || tag[name_end] != '=') break;
            if (name_end + 1 >= tag.size() || tag[name_end + 1] != '"') return false;
            size_t close = tag.find('"', name_end + 2);
            if (close == std::string_view::npos) return false;
            i = close + 1;
        }
    }
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    auto format = (data[0] & 1) ? dateline::BodyFormat::html : dateline::BodyFormat::markdown;
    bool with_context = data[0] & 2;
    std::string_view source(reinterpret_cast<const char*>(data + 1), size - 1);
    FuzzContext context;
    dateline::RenderedBody body =
        dateline::render_body(format, source, with_context ? &context : nullptr);

    // Nothing that runs survives; every element is closed.
    check(!contains_ci(body.html, "<script"), "no <script");
    check(!contains_ci(body.html, "<iframe"), "no <iframe");
    check(!contains_ci(body.html, "<style"), "no <style");
    check(attributes_ok(body.html), "attributes allowed and quoted");
    for (size_t off : body.ad_slot_offsets)
        check(off <= body.html.size(), "ad slots inside the body");
    for (const auto& w : body.warnings)
        check(w.offset == dateline::ContentWarning::kNoOffset || w.offset <= source.size(),
              "warning offsets inside the source");

    // What a browser builds from the output holds only allowlisted elements,
    // attributes and URL schemes, and the output is well-formed XML.
    check(dateline::testing::unsafe_parts(body.html).empty(), "browser view is allowlisted");
    check(dateline::testing::well_formed(body.html), "well-formed");
    // The fast parser builds gumbo's tree whenever it takes an input: the
    // raw input, and the pipeline's output (plain markup, nearly always taken).
    for (std::string_view html : {source, std::string_view(body.html)})
        if (auto fast = dateline::parse_plain_html(html))
            check(dateline::describe(*fast) ==
                      dateline::describe(dateline::parse_html_with_gumbo(html)),
                  "the fast parser's tree is gumbo's");
    // The sanitizer alone, on the raw input, and again on its own output.
    std::string once = dateline::sanitize_html_string(source);
    check(dateline::testing::unsafe_parts(once).empty(), "sanitizer output is allowlisted");
    check(dateline::testing::unsafe_parts(dateline::sanitize_html_string(once)).empty(),
          "re-sanitized output is allowlisted");
    return 0;
}

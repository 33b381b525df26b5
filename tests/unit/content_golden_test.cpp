// Golden cases: tests/fixtures/content/*.txt, each an input and the exact
// HTML (and warnings) the pipeline must produce. Set
// DATELINE_UPDATE_GOLDEN=1 to rewrite the expected parts from the output.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "content/body.h"
#include "content_test_support.h"

namespace dateline {
namespace {

namespace fs = std::filesystem;

// File format:
//   line 1: what the case shows (one line)
//   "format: markdown|html" and optionally "context: none"
//   "=== input", the source, "=== html", the expected HTML,
//   optionally "=== warnings", one describe() line each.
struct GoldenCase {
    std::string description;
    BodyFormat format = BodyFormat::markdown;
    bool with_context = true;
    std::string input, html, warnings;
};

GoldenCase read_case(const fs::path& path) {
    std::ifstream in(path);
    std::string line;
    GoldenCase c;
    std::getline(in, c.description);
    std::string* section = nullptr;
    while (std::getline(in, line)) {
        if (line == "=== input") {
            section = &c.input;
        } else if (line == "=== html") {
            section = &c.html;
        } else if (line == "=== warnings") {
            section = &c.warnings;
        } else if (section) {
            *section += line + "\n";
        } else if (line == "format: html") {
            c.format = BodyFormat::html;
        } else if (line == "context: none") {
            c.with_context = false;
        }
    }
    return c;
}

void write_case(const fs::path& path, const GoldenCase& c) {
    std::ofstream out(path);
    out << c.description << "\nformat: " << to_string(c.format) << "\n";
    if (!c.with_context) out << "context: none\n";
    out << "=== input\n" << c.input << "=== html\n" << c.html;
    if (!c.warnings.empty()) out << "=== warnings\n" << c.warnings;
}

std::vector<std::string> case_names() {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(testing::content_fixtures()))
        if (entry.path().extension() == ".txt") names.push_back(entry.path().stem().string());
    std::sort(names.begin(), names.end());
    return names;
}

class ContentGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(ContentGolden, MatchesExpectedHtml) {
    fs::path path = testing::content_fixtures() / (GetParam() + ".txt");
    GoldenCase c = read_case(path);
    ASSERT_FALSE(c.input.empty()) << path;
    testing::FakeContentContext context;
    // The input section ends with the newline that precedes "=== html".
    std::string source = c.input.substr(0, c.input.size() - 1);
    RenderedBody body = render_body(c.format, source, c.with_context ? &context : nullptr);
    std::string html = body.html;
    if (!html.empty() && html.back() != '\n') html += '\n';
    std::string warnings;
    for (const auto& w : body.warnings)
        warnings += describe(w) + "\n";
    if (std::getenv("DATELINE_UPDATE_GOLDEN")) {
        c.html = html;
        c.warnings = warnings;
        write_case(path, c);
        return;
    }
    EXPECT_EQ(html, c.html) << c.description;
    EXPECT_EQ(warnings, c.warnings) << c.description;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, ContentGolden, ::testing::ValuesIn(case_names()),
                         [](const auto& info) {
                             std::string name = info.param;
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

TEST(ContentGoldenCorpus, HasACaseForEveryShortcode) {
    auto names = case_names();
    for (std::string prefix : {"caption", "embed", "gallery", "pullquote", "factbox", "related",
                               "unknown", "sanitize", "markdown", "html"}) {
        EXPECT_TRUE(std::any_of(names.begin(), names.end(), [&](const std::string& n) {
            return n.rfind(prefix, 0) == 0;
        })) << prefix;
    }
}

}  // namespace
}  // namespace dateline

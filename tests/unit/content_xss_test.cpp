// The XSS corpus (tests/fixtures/content/xss/payloads.txt): every payload, in
// both source formats and inside shortcodes, comes out with nothing that
// executes, as well-formed HTML, and the sanitizer is stable on its output.
#include <gtest/gtest.h>

#include <fstream>

#include "content/body.h"
#include "content/sanitizer.h"
#include "content_safety.h"
#include "content_test_support.h"

namespace dateline {
namespace {

std::string decode_escapes(const std::string& line) {
    std::string out;
    for (size_t i = 0; i < line.size(); ++i) {
        if (line[i] != '\\' || i + 1 >= line.size()) {
            out += line[i];
            continue;
        }
        char c = line[i + 1];
        if (c == 'n')
            out += '\n';
        else if (c == 't')
            out += '\t';
        else if (c == 'r')
            out += '\r';
        else if (c == '0')
            out += '\0';
        else if (c == 'x' && i + 3 < line.size()) {
            out += static_cast<char>(std::stoi(line.substr(i + 2, 2), nullptr, 16));
            i += 2;
        } else {
            out += '\\';
            out += c;
        }
        ++i;
    }
    return out;
}

std::vector<std::string> payloads() {
    std::ifstream in(testing::content_fixtures() / "xss" / "payloads.txt");
    std::vector<std::string> out;
    std::string line;
    while (std::getline(in, line))
        if (!line.empty() && line[0] != '#') out.push_back(decode_escapes(line));
    return out;
}

TEST(XssCorpus, HasAtLeastAHundredPayloads) {
    EXPECT_GE(payloads().size(), 100u);
}

TEST(XssCorpus, NoPayloadSurvivesAnyFormatOrWrapper) {
    testing::FakeContentContext context;
    const std::vector<std::pair<std::string, std::string>> wrappers = {
        {"", ""},
        {"Before.\n\n", "\n\nAfter."},
        {"[pullquote]", "[/pullquote]"},
        {"[factbox title=\"Facts\"]\n", "\n[/factbox]"},
        {"[caption]<img src=\"/ok.jpg\" alt=\"ok\"> ", "[/caption]"},
        {"<div>", "</div>"},
    };
    int checked = 0;
    for (const auto& payload : payloads()) {
        for (BodyFormat format : {BodyFormat::markdown, BodyFormat::html}) {
            for (const auto& [before, after] : wrappers) {
                std::string source = before + payload + after;
                RenderedBody body = render_body(format, source, &context);
                auto problems = testing::unsafe_parts(body.html);
                EXPECT_TRUE(problems.empty())
                    << "payload: " << payload << "\nformat: " << to_string(format)
                    << "\nwrapper: " << before << "\nhtml: " << body.html
                    << "\nfirst problem: " << (problems.empty() ? "" : problems[0]);
                EXPECT_TRUE(testing::well_formed(body.html))
                    << "payload: " << payload << "\nhtml: " << body.html;
                ++checked;
            }
        }
    }
    EXPECT_GE(checked, 1200);
}

TEST(XssCorpus, SanitizerIsStableOnItsOwnOutput) {
    for (const auto& payload : payloads()) {
        std::string once = sanitize_html_string(payload);
        EXPECT_EQ(sanitize_html_string(once), once) << "payload: " << payload;
        EXPECT_TRUE(testing::unsafe_parts(once).empty()) << payload << "\n" << once;
    }
}

TEST(XssCorpus, TheCheckerCatchesWhatItLooksFor) {
    // The checks themselves must be able to fail.
    EXPECT_FALSE(testing::unsafe_parts("<script>alert(1)</script>").empty());
    EXPECT_FALSE(testing::unsafe_parts("<img src=x onerror=alert(1)>").empty());
    EXPECT_FALSE(testing::unsafe_parts("<a href=\"java\tscript:x\">a</a>").empty());
    EXPECT_FALSE(testing::unsafe_parts("<iframe src=\"https://x\"></iframe>").empty());
    EXPECT_FALSE(testing::unsafe_parts("<p style=\"x\">p</p>").empty());
    EXPECT_FALSE(testing::well_formed("<p>unclosed"));
    EXPECT_FALSE(testing::well_formed("<br>"));
    EXPECT_TRUE(testing::unsafe_parts("<p><a href=\"/x\">ok</a></p>").empty());
    EXPECT_TRUE(testing::well_formed("<p>ok<br /></p>"));
}

}  // namespace
}  // namespace dateline

// The fast HTML parser builds exactly gumbo's tree whenever it accepts an
// input: on hand-picked cases, on every body of the WordPress theme unit
// test export (as the sanitizer receives them) and on generated markup, some
// of it broken on purpose.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "content/expand.h"
#include "content/html_parse.h"
#include "content/markdown.h"
#include "content_test_support.h"
#include "import/wxr_reader.h"

namespace dateline {
namespace {

// Whether the fast parser accepted html; fails the test if its tree is not gumbo's.
bool accepted_and_same(std::string_view html) {
    auto fast = parse_plain_html(html);
    if (!fast) return false;
    std::string expected = describe(parse_html_with_gumbo(html));
    EXPECT_EQ(describe(*fast), expected) << "input: " << html;
    return true;
}

TEST(PlainHtmlParse, TakesPlainMarkupAndBuildsGumbosTree) {
    const char* cases[] = {
        "",
        "just text",
        "<p>One</p>\n<p>Two &amp; three</p>\n",
        "<p>A <a href=\"https://example.com/?a=1&amp;b=2\" title='t'>link</a>, <em>em</em>, "
        "<strong>strong</strong>, <code>x &lt; y</code>.</p>",
        "<P CLASS=\"alignleft\" Data-X=1>Upper case</P>",
        "<p>a<br>b<br/>c<br />d</p>",
        "<ul>\n<li>one</li>\n<li>two <ul><li>nested</li></ul></li>\n</ul>",
        "<ol start=\"3\"><li><p>para in item</p></li></ol>",
        "<blockquote><p>Quote</p><p><cite>Someone</cite></p></blockquote>",
        "<figure><img src=\"/a.jpg\" alt=\"A\"><figcaption>Caption</figcaption></figure>",
        "<pre>\nline one\n  line two</pre>",
        "<pre><code>int x;\n</code></pre>",
        "<h2>Head</h2><h3>Sub <em>em</em></h3>",
        "<dl><dt>term</dt><dd>definition</dd></dl>",
        "<p>curly &lsquo;quotes&rsquo; &ldquo;here&rdquo; &mdash; &hellip; &#8217; &#x2019;</p>",
        "<p>an ampersand & alone, &&, a&b=2, 5 < 6 and 7 > 3</p>",
        "<a href=/plain/unquoted>unquoted</a>",
        "<p>a<!-- a comment -->b</p>",
        "<b><p>block in inline</p></b>",
        "<div><p>in div</p><div>nested</div></div>",
        "<p>unclosed at the end",
        "<ul><li>open item",
        "<span lang=\"fr\">bonjour</span> <abbr title=\"x\">X</abbr> <sup>2</sup> <sub>n</sub>",
        "<p>caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x93\xb0</p>",
        "<img src=a.jpg alt=\"\" width=\"10\" height=\"20\"><hr>",
        "<a href=\"x\" href=\"y\">first wins</a>",
        "<p title=\"a &quot;quoted&quot; &#38; value\">t</p>",
        "<b><b><b><b>deep</b></b></b></b>",
        "<details><summary>More</summary><p>hidden</p></details>",
        "<a href=\"/s\"><figure><img src=\"/i.jpg\"></figure></a>",
        "text\t\twith\ttabs\n\n\nand lines",
    };
    int accepted = 0;
    for (const char* c : cases)
        accepted += accepted_and_same(c);
    EXPECT_EQ(accepted, static_cast<int>(std::size(cases)));
}

TEST(PlainHtmlParse, DeclinesWhatTheHtml5AlgorithmWouldRepair) {
    using namespace std::literals;
    const std::string_view cases[] = {
        "<p>a<div>block closes p</div>",
        "<p>a<p>b",
        "<p>a<ul><li>x</li></ul></p>",
        "<b><i>misnested</b></i>",
        "<ul><li>a<li>b</ul>",
        "<dl><dt>a<dd>b</dl>",
        "<a href=1>a<a href=2>b</a></a>",
        "<h2>a<h3>b</h3></h2>",
        "<p>stray end</div>",
        "</p>",
        "<br></br>",
        "<table><tr><td>x</td></tr></table>",
        "<script>alert(1)</script>",
        "<style>p{}</style>",
        "<svg><circle/></svg>",
        "<form><input></form>",
        "<div/>",
        "<!DOCTYPE html>",
        "<?php ?>",
        "&hearts;",
        "&copy 2024",
        "<a href=\"?x=1&copy=2\">legacy in attribute</a>",
        "&#0;",
        "&#x80;",
        "&#12",
        "a\rb",
        "nul\0byte"sv,
        "bad \xff utf-8",
        "\xef\xbb\xbf"
        "bom",
        "<p class=\"a\"class=\"b\">no space</p>",
        "<p =x>",
        "<unknown-element>x</unknown-element>",
        "<section><p>fine</p></section><center>old</center>",
        "<p>eof in tag <a href=\"x",
        "<!-->",
        "<!-- a -- b -->",
    };
    for (std::string_view c : cases) {
        EXPECT_FALSE(parse_plain_html(c).has_value()) << "input: " << c;
        // What the fast parser declines is gumbo's to parse.
        EXPECT_EQ(describe(parse_html(c)), describe(parse_html_with_gumbo(c))) << "input: " << c;
    }
}

// Markup deeper or more crowded than plain markup gets is gumbo's, so that
// the fast parser's own checks stay cheap on hostile input.
TEST(PlainHtmlParse, DeclinesDeepAndCrowdedMarkup) {
    std::string deep;
    for (int i = 0; i < 200; ++i)
        deep += "<span>";
    EXPECT_FALSE(parse_plain_html(deep).has_value());
    std::string shallow;
    for (int i = 0; i < 100; ++i)
        shallow += "<span>";
    EXPECT_TRUE(accepted_and_same(shallow));
    std::string crowded = "<p";
    for (int i = 0; i < 40; ++i)
        crowded += " data-a" + std::to_string(i) + "=\"x\"";
    crowded += ">x</p>";
    EXPECT_FALSE(parse_plain_html(crowded).has_value());
}

TEST(PlainHtmlParse, ParseHtmlFallsBackToGumbo) {
    ParsedHtml html = parse_html("<p>a<div>b</div>");
    EXPECT_EQ(describe(html), "<p>\n  \"a\"\n<div>\n  \"b\"\n");
}

// What the sanitizer receives for each body of the theme unit test export.
TEST(PlainHtmlParse, WordPressBodiesMatchGumbo) {
    struct Collect : WxrVisitor {
        std::vector<std::string> bodies;
        Status site(const WxrSite&) override { return {}; }
        Status author(const WxrAuthor&) override { return {}; }
        Status term(const WxrTerm&) override { return {}; }
        Status item(WxrItem&& item) override {
            bodies.push_back(std::move(item.content));
            return {};
        }
    } collect;
    ASSERT_TRUE(std::filesystem::exists(testing::wordpress_export()));
    ASSERT_TRUE(read_wxr(testing::wordpress_export(), collect).ok());
    testing::FakeContentContext context;
    int accepted = 0, total = 0;
    for (const auto& body : collect.bodies) {
        if (body.empty()) continue;
        ContentWarnings warnings;
        std::string html = expand_source(body, BodyFormat::html, &context, warnings);
        ++total;
        accepted += accepted_and_same(html);
        // Every paragraph on its own, as plain as bodies get.
        size_t pos = 0;
        while ((pos = html.find("<p>", pos)) != std::string::npos) {
            size_t end = html.find("</p>", pos);
            if (end == std::string::npos) break;
            accepted_and_same(html.substr(pos, end + 4 - pos));
            pos = end;
        }
    }
    EXPECT_GT(total, 50);
    // Most of the export is plain markup (125 of its 143 bodies); the rest
    // goes to gumbo.
    EXPECT_GT(accepted, total * 3 / 4) << accepted << " of " << total;
}

// Markup built from pieces at random, some of them wrong on purpose.
std::string random_markup(std::mt19937& random) {
    static const char* pieces[] = {
        "<p>",
        "</p>",
        "<em>",
        "</em>",
        "<strong>",
        "</strong>",
        "<a href=\"/x?a=1&amp;b=2\">",
        "</a>",
        "<ul>",
        "</ul>",
        "<li>",
        "</li>",
        "<ol>",
        "</ol>",
        "<blockquote>",
        "</blockquote>",
        "<div>",
        "</div>",
        "<span class=\"k\">",
        "</span>",
        "<br>",
        "<img src=\"/i.jpg\" alt='a'>",
        "<h2>",
        "</h2>",
        "<h3>",
        "</h3>",
        "<pre>",
        "</pre>",
        "<code>",
        "</code>",
        "<figure>",
        "</figure>",
        "<figcaption>",
        "</figcaption>",
        "<b>",
        "</b>",
        "<i>",
        "</i>",
        "<dl>",
        "</dl>",
        "<dt>",
        "</dt>",
        "<dd>",
        "</dd>",
        "<hr>",
        "text",
        " ",
        "\n",
        "&amp;",
        "&lt;",
        "&rsquo;",
        "&#8212;",
        "&copy",
        "&nbsp;",
        "a < b",
        "&",
        "<!-- c -->",
        "<table>",
        "<td>",
        "caf\xc3\xa9",
        "<sup>",
        "</sup>",
        "<P>",
        "</P>",
        "<section>",
        "</section>",
        "\n\n",
    };
    std::uniform_int_distribution<size_t> pick(0, std::size(pieces) - 1);
    std::uniform_int_distribution<int> length(1, 24);
    std::string out;
    for (int n = length(random); n > 0; --n)
        out += pieces[pick(random)];
    return out;
}

// Well-nested markup: every element closed in order.
std::string random_nested(std::mt19937& random, int depth) {
    static const char* inline_tags[] = {"em", "strong", "a", "span", "code", "b", "i", "sup"};
    static const char* block_tags[] = {"p", "blockquote", "div", "ul", "li", "h2", "figure"};
    std::uniform_int_distribution<int> choice(0, 9);
    std::string out;
    int parts = 1 + choice(random) % 4;
    for (int k = 0; k < parts; ++k) {
        int c = choice(random);
        if (c < 4 || depth > 4) {
            out += "words &amp; more";
        } else if (c < 7) {
            std::string tag = inline_tags[choice(random) % std::size(inline_tags)];
            out += "<" + tag + (tag == "a" ? " href=\"/x\"" : "") + ">" +
                   random_nested(random, depth + 1) + "</" + tag + ">";
        } else {
            std::string tag = block_tags[choice(random) % std::size(block_tags)];
            out += "<" + tag + ">" + random_nested(random, depth + 1) + "</" + tag + ">\n";
        }
    }
    return out;
}

TEST(PlainHtmlParse, GeneratedMarkupMatchesGumbo) {
    std::mt19937 random(20261204);
    int accepted = 0, declined = 0;
    for (int i = 0; i < 4000; ++i) {
        bool ok = accepted_and_same(random_markup(random));
        ok ? ++accepted : ++declined;
        ok = accepted_and_same(random_nested(random, 0));
        ok ? ++accepted : ++declined;
    }
    // Markdown's output, as stories written in Markdown reach the sanitizer.
    EXPECT_TRUE(accepted_and_same(
        markdown_to_html("# T\n\n*a* **b** [l](/x) `c`\n\n- one\n- two\n\n> q\n\n    code\n")
            .html));
    // Both paths are exercised.
    EXPECT_GT(accepted, 2000);
    EXPECT_GT(declined, 1000);
}

}  // namespace
}  // namespace dateline

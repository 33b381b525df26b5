// Sanitizer rules one by one (content/sanitizer.h); the XSS corpus covers
// the attacks, these cover what must survive.
#include "content/sanitizer.h"

#include <gtest/gtest.h>

#include "content/url.h"

namespace dateline {
namespace {

std::string clean(std::string_view html) {
    return sanitize_html_string(html);
}

TEST(Sanitizer, KeepsEditorialMarkup) {
    std::string html =
        "<p><strong>s</strong> <em>e</em> <code>c</code> <sub>1</sub> <sup>2</sup> "
        "<abbr title=\"Board\">B</abbr> <q>q</q> <mark>m</mark> <del>d</del></p>";
    EXPECT_EQ(clean(html), html);
}

TEST(Sanitizer, H1BecomesH2AndStrikeBecomesS) {
    EXPECT_EQ(clean("<h1>T</h1><strike>x</strike>"), "<h2>T</h2><s>x</s>");
}

TEST(Sanitizer, VoidElementsAreSelfClosed) {
    EXPECT_EQ(clean("a<br>b<hr>"), "a<br />b<hr />");
}

TEST(Sanitizer, ImagesGetAltAndLazyLoading) {
    EXPECT_EQ(clean("<img src=\"/a.jpg\">"), "<img src=\"/a.jpg\" alt=\"\" loading=\"lazy\" />");
}

TEST(Sanitizer, TextAndAttributesAreEscaped) {
    EXPECT_EQ(clean("<p title='a\"b'>1 &lt; 2 &amp; 3</p>"),
              "<p title=\"a&quot;b\">1 &lt; 2 &amp; 3</p>");
}

TEST(Sanitizer, ControlCharactersThatXmlForbidsAreRemoved) {
    std::string out =
        clean(std::string("a\x01"
                          "b\x1f"
                          "c\x0b",
                          6));
    for (char c : out)
        EXPECT_FALSE(static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') << out;
    EXPECT_EQ(out.front(), 'a');
}

TEST(Sanitizer, PreKeepsItsLeadingNewline) {
    std::string once = clean("<pre>\n\nx</pre>");
    EXPECT_EQ(clean(once), once);
}

TEST(Sanitizer, EmptyParagraphsGo) {
    EXPECT_EQ(clean("<p> </p><p>x</p>"), "<p>x</p>");
}

TEST(Sanitizer, VeryDeepNestingIsFlattenedNotFatal) {
    std::string html;
    for (int i = 0; i < 5000; ++i)
        html += "<div>";
    html += "deep text";
    ContentWarnings warnings;
    std::string out = serialize_html(sanitize_html(html, warnings));
    EXPECT_NE(out.find("deep text"), std::string::npos);
    EXPECT_FALSE(warnings.empty());
}

TEST(Sanitizer, WarnsOncePerKindWithACount) {
    ContentWarnings warnings;
    sanitize_html("<script>1</script><script>2</script>", warnings);
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings[0].message, "removed <script> elements (2 times)");
    EXPECT_EQ(warnings[0].line, 0);
}

TEST(SafeUrl, AllowsOnlyKnownSchemes) {
    EXPECT_EQ(safe_url("https://a.example/x", UrlUse::link), "https://a.example/x");
    EXPECT_EQ(safe_url("/relative?q=1", UrlUse::link), "/relative?q=1");
    EXPECT_EQ(safe_url("page#frag", UrlUse::link), "page#frag");
    EXPECT_EQ(safe_url("mailto:a@b", UrlUse::link), "mailto:a@b");
    EXPECT_FALSE(safe_url("mailto:a@b", UrlUse::image));
    EXPECT_FALSE(safe_url("javascript:x", UrlUse::link));
    EXPECT_FALSE(safe_url(" java\tscript:x", UrlUse::link));
    EXPECT_FALSE(safe_url("data:text/html,x", UrlUse::image));
    EXPECT_FALSE(safe_url("data:image/svg+xml,x", UrlUse::image));
    EXPECT_TRUE(safe_url("data:image/png;base64,AAAA", UrlUse::image));
    EXPECT_FALSE(safe_url("data:image/png;base64,AAAA", UrlUse::link));
    EXPECT_FALSE(safe_url("", UrlUse::link));
    EXPECT_FALSE(safe_url("1javascript:x", UrlUse::link));
}

}  // namespace
}  // namespace dateline

#include "content/body.h"

#include <gtest/gtest.h>

#include <string>

namespace dateline {
namespace {

bool contains(std::string_view haystack, std::string_view needle) {
    return haystack.find(needle) != std::string_view::npos;
}

// True when every multi-byte sequence in text is complete.
bool valid_utf8(std::string_view text) {
    size_t i = 0;
    while (i < text.size()) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (len == 0 || i + len > text.size()) return false;
        for (size_t k = 1; k < len; ++k)
            if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
        i += len;
    }
    return true;
}

TEST(RenderBody, MarkdownParagraphsHeadingsAndEmphasis) {
    auto body = render_body(BodyFormat::markdown,
                            "## The vote\n\nFirst paragraph.\n\nSecond *important* one.\n");
    EXPECT_TRUE(contains(body.html, "<h2 id=\"the-vote\">The vote</h2>")) << body.html;
    EXPECT_TRUE(contains(body.html, "<p>First paragraph.</p>")) << body.html;
    EXPECT_TRUE(contains(body.html, "<em>important</em>")) << body.html;
    EXPECT_TRUE(contains(body.text, "First paragraph.")) << body.text;
    EXPECT_FALSE(contains(body.text, "<")) << body.text;
    EXPECT_FALSE(contains(body.text, "*")) << body.text;
    EXPECT_EQ(body.word_count, 7);  // The vote First paragraph. Second important one.
    EXPECT_TRUE(body.warnings.empty());
}

TEST(RenderBody, MarkdownListsLinksAndQuotes) {
    auto body =
        render_body(BodyFormat::markdown,
                    "- one\n- two\n\n> quoted\n\n[Ledger](https://example.com/a?b=1&c=2)\n");
    EXPECT_TRUE(contains(body.html, "<ul>")) << body.html;
    EXPECT_TRUE(contains(body.html, "<li>one</li>")) << body.html;
    EXPECT_TRUE(contains(body.html, "<blockquote>")) << body.html;
    EXPECT_TRUE(contains(body.html, "<a href=\"https://example.com/a?b=1&amp;c=2\">Ledger</a>"))
        << body.html;
}

TEST(RenderBody, RawHtmlBlocksAreNotPassedThrough) {
    auto body =
        render_body(BodyFormat::markdown, "Before.\n\n<script>alert(1)</script>\n\nAfter.\n");
    EXPECT_FALSE(contains(body.html, "<script")) << body.html;
    EXPECT_TRUE(contains(body.html, "<p>Before.</p>")) << body.html;
    EXPECT_TRUE(contains(body.html, "<p>After.</p>")) << body.html;
}

TEST(RenderBody, InlineRawHtmlIsNotPassedThrough) {
    auto body = render_body(BodyFormat::markdown,
                            "Text <script>alert(1)</script> and <img src=x onerror=alert(2)> "
                            "and <b onclick=\"x()\">bold</b>.\n");
    EXPECT_FALSE(contains(body.html, "<script")) << body.html;
    EXPECT_FALSE(contains(body.html, "<img")) << body.html;
    EXPECT_FALSE(contains(body.html, "onclick")) << body.html;
    EXPECT_FALSE(contains(body.html, "onerror")) << body.html;
}

TEST(RenderBody, UnsafeLinkSchemesAreDropped) {
    auto body =
        render_body(BodyFormat::markdown,
                    "[click](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=)"
                    " [vb](vbscript:msgbox)\n");
    EXPECT_FALSE(contains(body.html, "javascript:")) << body.html;
    EXPECT_FALSE(contains(body.html, "data:text/html")) << body.html;
    EXPECT_FALSE(contains(body.html, "vbscript:")) << body.html;
}

TEST(RenderBody, TextIsEscapedInHtml) {
    auto body = render_body(BodyFormat::markdown, "Profits & losses: 3 < 4 > 2\n");
    EXPECT_TRUE(contains(body.html, "Profits &amp; losses: 3 &lt; 4 &gt; 2")) << body.html;
}

TEST(RenderBody, HtmlSourceIsSanitizedMarkup) {
    auto body = render_body(BodyFormat::html, "<p>Hello</p>\n\n<script>alert(1)</script>\n");
    EXPECT_FALSE(contains(body.html, "<script")) << body.html;
    EXPECT_FALSE(contains(body.html, "alert(1)")) << body.html;
    EXPECT_TRUE(contains(body.html, "<p>Hello</p>")) << body.html;
    EXPECT_EQ(body.word_count, 1);
}

TEST(RenderBody, EmptySource) {
    auto body = render_body(BodyFormat::markdown, "");
    EXPECT_EQ(body.word_count, 0);
    EXPECT_EQ(body.html, "");
}

TEST(WordCount, CountsTheReadableText) {
    auto body = render_body(BodyFormat::markdown,
                            "One two three.\n\n**Four** [five](https://example.com) six-seven.\n");
    EXPECT_EQ(body.word_count, 6);
}

TEST(OffsetAfterParagraph, PointsJustAfterTheNthParagraph) {
    auto body = render_body(BodyFormat::markdown, "One.\n\nTwo.\n\nThree.\n");
    const std::string& html = body.html;
    size_t first = offset_after_paragraph(html, 1);
    ASSERT_NE(first, std::string_view::npos);
    EXPECT_EQ(html.substr(0, first), "<p>One.</p>\n");
    size_t second = offset_after_paragraph(html, 2);
    ASSERT_NE(second, std::string_view::npos);
    EXPECT_EQ(html.substr(first, second - first), "<p>Two.</p>\n");
    EXPECT_EQ(offset_after_paragraph(html, 3), html.size());
}

TEST(OffsetAfterParagraph, NposWhenTooFewOrNotPositive) {
    auto body = render_body(BodyFormat::markdown, "One.\n\nTwo.\n");
    EXPECT_EQ(offset_after_paragraph(body.html, 3), std::string_view::npos);
    EXPECT_EQ(offset_after_paragraph(body.html, 0), std::string_view::npos);
    EXPECT_EQ(offset_after_paragraph(body.html, -1), std::string_view::npos);
    EXPECT_EQ(offset_after_paragraph("", 1), std::string_view::npos);
}

TEST(OffsetAfterParagraph, HeadingsDoNotCount) {
    auto body = render_body(BodyFormat::markdown, "# Head\n\nOne.\n\n## Sub\n\nTwo.\n");
    size_t off = offset_after_paragraph(body.html, 2);
    ASSERT_NE(off, std::string_view::npos);
    EXPECT_EQ(body.html.substr(0, off).substr(body.html.substr(0, off).size() - 12),
              "<p>Two.</p>\n");
}

TEST(OffsetAfterParagraph, ParagraphsInsideQuotesAndListsDoNotCount) {
    auto body = render_body(BodyFormat::markdown,
                            "> Quoted one.\n>\n> Quoted two.\n\n"
                            "Top one.\n\n"
                            "- item a\n\n- item b\n\n"  // a loose list: its items hold <p>
                            "1. first\n\n2. second\n\n"
                            "Top two.\n");
    const std::string& html = body.html;
    ASSERT_TRUE(contains(html, "<li>\n<p>item a</p>")) << html;  // the case is real
    size_t one = offset_after_paragraph(html, 1);
    ASSERT_NE(one, std::string_view::npos) << html;
    EXPECT_TRUE(html.substr(0, one).ends_with("<p>Top one.</p>\n")) << html.substr(0, one);
    size_t two = offset_after_paragraph(html, 2);
    ASSERT_NE(two, std::string_view::npos) << html;
    EXPECT_TRUE(html.substr(0, two).ends_with("<p>Top two.</p>\n")) << html.substr(0, two);
    EXPECT_EQ(offset_after_paragraph(html, 3), std::string_view::npos);
}

TEST(OffsetAfterParagraph, NestedQuotesAndListsDoNotCount) {
    auto body = render_body(BodyFormat::markdown,
                            "> outer\n>\n> > inner\n> >\n> > more\n>\n> outer again\n\n"
                            "- a\n\n  - nested\n\n    nested para\n\n- b\n\n"
                            "Top.\n");
    size_t one = offset_after_paragraph(body.html, 1);
    ASSERT_NE(one, std::string_view::npos) << body.html;
    EXPECT_TRUE(body.html.substr(0, one).ends_with("<p>Top.</p>\n")) << body.html;
    EXPECT_EQ(offset_after_paragraph(body.html, 2), std::string_view::npos);
}

// Bug: offset_after_paragraph (content/body.cpp) counts a paragraph only when
// "<p>" and "</p>" are on the same line. cmark renders a soft line break in a
// paragraph as "\n", so a paragraph typed over two lines ("Line one\nline
// two") is never counted, and the ad slot lands after the wrong paragraph.
TEST(OffsetAfterParagraph, ParagraphsWrittenOverSeveralLinesCount) {
    auto body = render_body(BodyFormat::markdown, "First line\nsecond line.\n\nNext.\n");
    size_t one = offset_after_paragraph(body.html, 1);
    ASSERT_NE(one, std::string_view::npos) << body.html;
    EXPECT_TRUE(body.html.substr(0, one).ends_with("second line.</p>\n"))
        << body.html.substr(0, one);
}

TEST(Excerpt, ShortTextIsReturnedWhole) {
    EXPECT_EQ(excerpt("A short standfirst.", 200), "A short standfirst.");
    EXPECT_EQ(excerpt("  padded\n", 200), "padded");
    EXPECT_EQ(excerpt("", 200), "");
}

TEST(Excerpt, NewlinesAndTabsBecomeSpaces) {
    EXPECT_EQ(excerpt("One.\nTwo.\tThree.", 200), "One. Two. Three.");
}

TEST(Excerpt, CutsAtAWordAndEndsWithAnEllipsis) {
    std::string e = excerpt("The quick brown fox jumps over the lazy dog", 12);
    EXPECT_EQ(e, "The quick…");
    std::string text;
    for (int i = 0; i < 100; ++i)
        text += "word" + std::to_string(i) + " ";
    std::string long_cut = excerpt(text, 200);
    EXPECT_TRUE(long_cut.ends_with("…"));
    std::string kept = long_cut.substr(0, long_cut.size() - std::string("…").size());
    EXPECT_LE(kept.size(), 200u);
    EXPECT_EQ(text.rfind(kept, 0), 0u);  // a prefix of the text
    EXPECT_NE(kept.back(), ' ');
    // The cut falls between words: the next character in the text is a space.
    EXPECT_EQ(text[kept.size()], ' ');
}

TEST(Excerpt, NeverSplitsAUtf8Character) {
    std::string accents;
    for (int i = 0; i < 150; ++i)
        accents += "é";  // two bytes each, no spaces
    for (size_t max : {size_t{199}, size_t{200}, size_t{201}}) {
        std::string e = excerpt(accents, max);
        EXPECT_TRUE(valid_utf8(e)) << max;
        EXPECT_TRUE(e.ends_with("…")) << max;
        EXPECT_LE(e.size() - 3, max);
    }
    std::string devanagari;
    for (int i = 0; i < 100; ++i)
        devanagari += "नमस्ते";  // three-byte characters
    for (size_t max : {size_t{100}, size_t{101}, size_t{102}}) {
        std::string e = excerpt(devanagari, max);
        EXPECT_TRUE(valid_utf8(e)) << max;
    }
}

}  // namespace
}  // namespace dateline

// The WordPress shortcode syntax (content/shortcode_parser.h) and the
// shortcode rules that golden files do not show well.
#include <gtest/gtest.h>

#include "content/body.h"
#include "content/shortcode_parser.h"
#include "content/shortcodes.h"
#include "content_test_support.h"

namespace dateline {
namespace {

bool known(std::string_view name) {
    return is_known_shortcode(name);
}

TEST(ShortcodeAttributes, QuotedUnquotedAndPositional) {
    auto attrs = parse_shortcode_attributes(
        R"( id="attachment_5" align='alignright' width=300 "positional" bare Caption = "a b")");
    ASSERT_EQ(attrs.size(), 6u);
    EXPECT_EQ(attrs[0].name, "id");
    EXPECT_EQ(attrs[0].value, "attachment_5");
    EXPECT_EQ(attrs[1].value, "alignright");
    EXPECT_EQ(attrs[2].name, "width");
    EXPECT_EQ(attrs[2].value, "300");
    EXPECT_EQ(attrs[3].name, "");
    EXPECT_EQ(attrs[3].value, "positional");
    EXPECT_EQ(attrs[4].value, "bare");
    EXPECT_EQ(attrs[5].name, "caption");  // names are lower-cased
    EXPECT_EQ(attrs[5].value, "a b");
}

TEST(ShortcodeScanner, FindsEnclosingTagsAndTheirCloser) {
    std::string_view text = "a [caption id=1]<img> x[/caption] b";
    ShortcodeScanner scanner(text, known);
    auto tag = scanner.next(0);
    ASSERT_TRUE(tag);
    EXPECT_EQ(tag->kind, ShortcodeToken::Kind::open);
    EXPECT_EQ(tag->name, "caption");
    EXPECT_EQ(tag->begin, 2u);
    ASSERT_TRUE(tag->closer_begin);
    EXPECT_EQ(text.substr(tag->end, *tag->closer_begin - tag->end), "<img> x");
    EXPECT_EQ(text.substr(tag->closer_end), " b");
}

TEST(ShortcodeScanner, SelfClosingAndQuotedBrackets) {
    std::string_view text = R"([gallery ids="1,2" /] [pullquote cite="a ] b"]q[/pullquote])";
    ShortcodeScanner scanner(text, known);
    auto first = scanner.next(0);
    ASSERT_TRUE(first);
    EXPECT_TRUE(first->self_closing);
    EXPECT_EQ(first->attribute("ids"), "1,2");
    auto second = scanner.next(first->end);
    ASSERT_TRUE(second);
    EXPECT_EQ(second->attribute("cite"), "a ] b");
}

TEST(ShortcodeScanner, ProseAndMarkdownLinksAreNotTags) {
    for (std::string_view text :
         {"[sic]", "[Applause]", "[the minister]", "[text](https://x)", "[ref]: https://x",
          "[see][1]", "[ ]", "[x]", "[1]", "[laughs]"}) {
        ShortcodeScanner scanner(text, known);
        EXPECT_FALSE(scanner.next(0)) << text;
    }
}

TEST(ShortcodeScanner, UnknownNamesCountWhenTheyLookLikeShortcodes) {
    for (std::string_view text : {"[vc_row]", "[contact-form-7]", "[widget /]", "[box id=1]",
                                  "[note]x[/note]", "[vc_row][vc_column]"}) {
        ShortcodeScanner scanner(text, known);
        EXPECT_TRUE(scanner.next(0)) << text;
    }
}

TEST(ShortcodeScanner, EscapedTagsAreLiteral) {
    std::string_view text = "[[gallery ids=1]]";
    ShortcodeScanner scanner(text, known);
    auto tag = scanner.next(0);
    ASSERT_TRUE(tag);
    EXPECT_EQ(tag->kind, ShortcodeToken::Kind::escaped);
    EXPECT_EQ(tag->literal, "[gallery ids=1]");
}

TEST(ShortcodeScanner, ManyUnclosedBracketsStayFast) {
    std::string text;
    for (int i = 0; i < 20000; ++i)
        text += "[gallery ";
    ShortcodeScanner scanner(text, known);
    EXPECT_FALSE(scanner.next(0));  // bounded by kMaxShortcodeTagBytes per bracket
}

TEST(Shortcodes, UnknownShortcodeIsNeverShownAndIsReportedWithItsPosition) {
    auto body = render_body(BodyFormat::markdown, "First line.\n\nSecond [my_widget x=1] line.\n");
    EXPECT_EQ(body.html.find("my_widget"), std::string::npos) << body.html;
    ASSERT_EQ(body.warnings.size(), 1u);
    EXPECT_EQ(body.warnings[0].line, 3);
    EXPECT_EQ(body.warnings[0].column, 8);
    EXPECT_EQ(body.warnings[0].offset, 20u);
    EXPECT_NE(body.warnings[0].message.find("[my_widget]"), std::string::npos);
}

TEST(Shortcodes, PositionsInsideNestedContentPointIntoTheSource) {
    std::string source = "[factbox title=x]\nText [bogus_code] here.\n[/factbox]";
    auto body = render_body(BodyFormat::markdown, source);
    ASSERT_EQ(body.warnings.size(), 1u) << describe(body.warnings[0]);
    EXPECT_EQ(body.warnings[0].offset, source.find("[bogus_code]"));
    EXPECT_EQ(body.warnings[0].line, 2);
}

TEST(Shortcodes, SameNameTagsCloseAtTheFirstCloserLikeWordPress) {
    auto body = render_body(BodyFormat::markdown,
                            "[factbox title=a][factbox title=b]inner[/factbox] tail[/factbox]");
    EXPECT_EQ(body.html.find("[factbox"), std::string::npos) << body.html;
    EXPECT_EQ(body.html.find("[/factbox"), std::string::npos) << body.html;
    EXPECT_NE(body.html.find("inner"), std::string::npos) << body.html;
}

TEST(Shortcodes, PlaceholderLookalikesInTheSourceAreJustText) {
    auto body = render_body(BodyFormat::markdown, "dlsc0z and dlscq1z [pullquote]q[/pullquote]");
    EXPECT_NE(body.html.find("dlsc0z and dlscq1z"), std::string::npos) << body.html;
    EXPECT_NE(body.html.find("<figure class=\"pullquote\">"), std::string::npos) << body.html;
}

TEST(Shortcodes, GalleryColumnsAreClamped) {
    testing::FakeContentContext context;
    auto body = render_body(BodyFormat::html, "[gallery ids=1 columns=40]", &context);
    EXPECT_NE(body.html.find("gallery-columns-9"), std::string::npos) << body.html;
}

}  // namespace
}  // namespace dateline

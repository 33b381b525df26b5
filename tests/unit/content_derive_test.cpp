// What render_body derives at save: anchors, links, text, excerpt, word
// count, reading time, ad slots; and the limits of its input.
#include <gtest/gtest.h>

#include "content/body.h"
#include "content/embeds.h"
#include "content_test_support.h"

namespace dateline {
namespace {

TEST(Derive, HeadingsGetUniqueAnchorsInOrder) {
    auto body = render_body(BodyFormat::markdown, "## A b\n\n### A b\n\n## Z\n");
    ASSERT_EQ(body.headings.size(), 3u);
    EXPECT_EQ(body.headings[0].id, "a-b");
    EXPECT_EQ(body.headings[1].id, "a-b-2");
    EXPECT_EQ(body.headings[1].level, 3);
    EXPECT_EQ(body.headings[2].text, "Z");
    EXPECT_NE(body.html.find("<h3 id=\"a-b-2\">A b</h3>"), std::string::npos);
}

TEST(Derive, ExcerptComesFromTheFirstParagraphsNotHeadingsOrCaptions) {
    auto body = render_body(BodyFormat::markdown,
                            "## Heading\n\n[pullquote]Quote.[/pullquote]\n\nLead sentence. "
                            "More.\n\nSecond paragraph.\n");
    EXPECT_EQ(body.excerpt, "Lead sentence. More. Second paragraph.");
}

TEST(Derive, TextLeavesOutEmbedCardsAndRelatedBoxes) {
    testing::FakeContentContext context;
    auto body =
        render_body(BodyFormat::markdown,
                    "One two.\n\nhttps://youtu.be/dQw4w9WgXcQ\n\n[related id=42]\n", &context);
    EXPECT_EQ(body.text, "One two.\n");
    EXPECT_EQ(body.word_count, 2);
}

TEST(Derive, ReadingTime) {
    EXPECT_EQ(reading_minutes(0), 0);
    EXPECT_EQ(reading_minutes(1), 1);
    EXPECT_EQ(reading_minutes(230), 1);
    EXPECT_EQ(reading_minutes(1500), 7);
    std::string words;
    for (int i = 0; i < 1500; ++i)
        words += "word ";
    auto body = render_body(BodyFormat::markdown, words);
    EXPECT_EQ(body.word_count, 1500);
    EXPECT_EQ(body.reading_minutes, 7);
}

TEST(Derive, AdSlotsFollowEveryTopLevelParagraph) {
    auto body = render_body(BodyFormat::markdown,
                            "One\nline two.\n\n> quoted\n\n- item\n\nTwo.\n\nThree.\n");
    ASSERT_EQ(body.ad_slot_offsets.size(), 3u);
    for (int n = 1; n <= 3; ++n)
        EXPECT_EQ(body.ad_slot_offsets[static_cast<size_t>(n - 1)],
                  offset_after_paragraph(body.html, n))
            << n;
    EXPECT_TRUE(body.html.substr(0, body.ad_slot_offsets[0]).ends_with("line two.</p>\n"));
}

TEST(Derive, HtmlSourcesOnOneLineStillHaveAdSlots) {
    auto body = render_body(BodyFormat::html, "<p>a</p><p>b</p><div><p>inner</p></div><p>c</p>");
    ASSERT_EQ(body.ad_slot_offsets.size(), 3u);
    EXPECT_EQ(offset_after_paragraph(body.html, 3), body.ad_slot_offsets[2]);
    EXPECT_EQ(body.html.substr(0, body.ad_slot_offsets[1]), "<p>a</p><p>b</p>");
}

TEST(Derive, InternalLinksResolveToCanonicalUrlsAndAreListed) {
    testing::FakeContentContext context;
    auto body = render_body(BodyFormat::html,
                            "<p><a href=\"https://news.example/x/old-41/\">a</a> "
                            "<a href=\"/y/z-43?utm=1#c\">b</a></p>",
                            &context);
    EXPECT_NE(body.html.find("href=\"/politics/story-41-41\""), std::string::npos) << body.html;
    EXPECT_NE(body.html.find("href=\"/politics/story-43-43#c\""), std::string::npos) << body.html;
    EXPECT_EQ(body.linked_story_ids, (std::vector<int64_t>{41, 43}));
}

TEST(Derive, CrLfSourcesReportTheSamePositions) {
    auto lf = render_body(BodyFormat::markdown, "a\n\n[x_y]\n");
    auto crlf = render_body(BodyFormat::markdown, "a\r\n\r\n[x_y]\r\n");
    ASSERT_EQ(lf.warnings.size(), 1u);
    ASSERT_EQ(crlf.warnings.size(), 1u);
    EXPECT_EQ(crlf.warnings[0].line, lf.warnings[0].line);
    EXPECT_EQ(crlf.html, lf.html);
}

TEST(RenderStoryBody, TooLargeIsInvalid) {
    std::string big(kMaxBodySourceBytes + 1, 'a');
    auto result = render_story_body(BodyFormat::markdown, big, nullptr);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().kind, ErrorKind::invalid);
    EXPECT_EQ(result.error().field, "body");
    auto lenient = render_body(BodyFormat::markdown, big);
    EXPECT_TRUE(lenient.html.empty());
    EXPECT_EQ(lenient.warnings.size(), 1u);
}

TEST(Embeds, RecognizesProviderUrlForms) {
    struct Case {
        const char* url;
        const char* provider;
        const char* id;
    };
    for (auto c :
         {Case{"https://www.youtube.com/watch?v=dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"},
          Case{"https://m.youtube.com/watch?feature=x&v=dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"},
          Case{"https://youtu.be/dQw4w9WgXcQ?t=3", "youtube", "dQw4w9WgXcQ"},
          Case{"https://www.youtube.com/embed/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"},
          Case{"https://twitter.com/a_b/status/123", "x", "123"},
          Case{"https://mobile.twitter.com/a/status/9", "x", "9"},
          Case{"https://x.com/a/status/9?s=20", "x", "9"},
          Case{"https://instagram.com/p/AbC_d-12/", "instagram", "AbC_d-12"},
          Case{"https://www.instagram.com/someone/reel/AbCdE12/", "instagram", "AbCdE12"},
          Case{"https://www.facebook.com/page/videos/1234567/", "facebook", "1234567"},
          Case{"https://www.facebook.com/video.php?v=1234567", "facebook", "1234567"},
          Case{"https://fb.watch/aBc123/", "facebook", ""}}) {
        auto target = recognize_embed(c.url);
        ASSERT_TRUE(target) << c.url;
        EXPECT_EQ(target->provider, c.provider) << c.url;
        EXPECT_EQ(target->id, c.id) << c.url;
    }
    for (const char* url :
         {"https://www.youtube.com/watch?v=short", "https://youtube.com.evil.example/watch?v=x",
          "https://evil.example/youtube.com/watch?v=dQw4w9WgXcQ", "https://x.com/a/likes",
          "https://x.com/a/status/12ab", "https://www.facebook.com/page", "javascript:alert(1)",
          "https://vimeo.com/1", "ftp://youtu.be/dQw4w9WgXcQ"})
        EXPECT_FALSE(recognize_embed(url)) << url;
}

TEST(Embeds, CardIsAPlainLinkWithoutScript) {
    std::string card = embed_card_html(*recognize_embed("https://youtu.be/dQw4w9WgXcQ"));
    EXPECT_EQ(card.find("<iframe"), std::string::npos);
    EXPECT_EQ(card.find("<script"), std::string::npos);
    EXPECT_NE(card.find("href=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\""), std::string::npos);
}

}  // namespace
}  // namespace dateline

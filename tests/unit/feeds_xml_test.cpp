// The XML writer, the feed and sitemap date formats, and the small naming
// helpers of feeds/.
#include <gtest/gtest.h>

#include "feeds/feeds.h"
#include "feeds/oembed.h"
#include "feeds/sitemaps.h"
#include "feeds/xml.h"
#include "model/dependencies.h"

namespace dateline {
namespace {

Timestamp at(const char* iso) {
    return *parse_iso8601(iso);
}

TEST(XmlEscape, TextAndAttributes) {
    EXPECT_EQ(xml::escape_text("Tom & Jerry <3> \"q\" 'a'"), "Tom &amp; Jerry &lt;3&gt; \"q\" 'a'");
    EXPECT_EQ(xml::escape_attribute("a\"b&c<d>\te\nf"), "a&quot;b&amp;c&lt;d&gt;&#9;e&#10;f");
    EXPECT_EQ(xml::escape_text("]]>"), "]]&gt;");
}

TEST(XmlEscape, DropsCharactersXml10Forbids) {
    EXPECT_EQ(xml::clean(std::string("a\x01"
                                     "b\x0b"
                                     "c\x1f"
                                     "d\te\nf\rg",
                                     14)),
              "abcd\te\nf\rg");
    EXPECT_EQ(xml::clean(std::string("x\0y", 3)), "xy");
    EXPECT_EQ(xml::clean("\xEF\xBF\xBE\xEF\xBF\xBF"), "");  // U+FFFE, U+FFFF
    // Well-formed multi-byte text passes untouched.
    EXPECT_EQ(xml::clean("Zürich — 東京 🚢"), "Zürich — 東京 🚢");
}

TEST(XmlEscape, MalformedUtf8BecomesTheReplacementCharacter) {
    EXPECT_EQ(xml::clean("a\xFF"
                         "b"),
              "a\xEF\xBF\xBD"
              "b");
    EXPECT_EQ(xml::clean("\xC3"), "\xEF\xBF\xBD");                  // truncated
    EXPECT_EQ(xml::clean("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong '/'
    EXPECT_EQ(xml::clean("\xED\xA0\x80"), "");  // a UTF-16 surrogate is not a character
}

TEST(XmlWriter, NestsEscapesAndClosesEverything) {
    xml::Writer w;
    w.open("rss", {{"version", "2.0"}});
    w.element("title", "A & B", {{"lang", "en\"x"}});
    w.empty("link", {{"href", "https://e.example/?a=1&b=2"}});
    std::string doc = w.finish();
    EXPECT_EQ(doc,
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
              "<rss version=\"2.0\">\n"
              "  <title lang=\"en&quot;x\">A &amp; B</title>\n"
              "  <link href=\"https://e.example/?a=1&amp;b=2\"/>\n"
              "</rss>\n");
}

TEST(FeedDates, Rfc822AndRfc3339) {
    EXPECT_EQ(xml::rfc822(at("2026-03-05T07:08:09Z")), "Thu, 05 Mar 2026 07:08:09 +0000");
    EXPECT_EQ(xml::rfc3339(at("2026-03-05T07:08:09Z")), "2026-03-05T07:08:09Z");
    EXPECT_EQ(xml::rfc822(at("1999-12-31T23:59:59Z")), "Fri, 31 Dec 1999 23:59:59 +0000");
}

TEST(FeedNames, PathsIdsAndLinks) {
    using feeds::FeedFormat;
    using feeds::ScopeKind;
    EXPECT_EQ(feeds::feed_path(ScopeKind::site, "", FeedFormat::rss), "/feed.xml");
    EXPECT_EQ(feeds::feed_path(ScopeKind::section, "world", FeedFormat::atom), "/world/atom.xml");
    EXPECT_EQ(feeds::feed_path(ScopeKind::tag, "ports", FeedFormat::json), "/tag/ports/feed.json");
    EXPECT_EQ(feeds::feed_path(ScopeKind::author, "ana", FeedFormat::rss), "/author/ana/feed.xml");
    EXPECT_EQ(feeds::feed_format_of("feed.json"), FeedFormat::json);
    EXPECT_FALSE(feeds::feed_format_of("feed.rss"));

    EXPECT_EQ(feeds::entry_id("https://news.example:8443", 42, at("2026-03-22T23:30:00Z")),
              "tag:news.example,2026-03-22:story:42");
    EXPECT_EQ(feeds::absolute_links("<img src=\"/media/a.jpg\"><a href=\"/world\">w</a>"
                                    "<a href=\"//cdn.example/x\">c</a><a href=\"https://o/\">o</a>",
                                    "https://news.example"),
              "<img src=\"https://news.example/media/a.jpg\"><a "
              "href=\"https://news.example/world\">w</a><a href=\"//cdn.example/x\">c</a><a "
              "href=\"https://o/\">o</a>");
}

TEST(SitemapNames, MonthFilesRoundTrip) {
    EXPECT_EQ(feeds::month_path({2026, 3, 1}), "/sitemaps/stories-2026-03.xml");
    EXPECT_EQ(feeds::month_path({2026, 3, 2}), "/sitemaps/stories-2026-03-2.xml");
    auto p = feeds::parse_month_file("stories-2026-03-2.xml");
    ASSERT_TRUE(p);
    EXPECT_EQ(p->year, 2026);
    EXPECT_EQ(p->month, 3);
    EXPECT_EQ(p->part, 2);
    EXPECT_EQ(feeds::parse_month_file("stories-2026-03.xml")->part, 1);
    for (const char* bad : {"stories-2026-13.xml", "stories-2026-3.xml", "stories-2026-03-1.xml",
                            "stories-2026-03-02.xml", "stories-2026-03-x.xml", "news.xml",
                            "stories-2026-03.xml.gz", "stories-26-03.xml"})
        EXPECT_FALSE(feeds::parse_month_file(bad)) << bad;
}

TEST(OembedUrls, OnlyStoriesOfThisSite) {
    const std::string base = "https://news.example";
    EXPECT_EQ(feeds::story_id_of_url(base, base + "/world/a-story-42"), 42);
    EXPECT_EQ(feeds::story_id_of_url(base, base + "/world/a-story-42?utm=x#top"), 42);
    EXPECT_FALSE(feeds::story_id_of_url(base, "https://other.example/world/a-story-42"));
    EXPECT_FALSE(feeds::story_id_of_url(base, base + "/tag/ports"));
    EXPECT_FALSE(feeds::story_id_of_url(base, base + "/world"));
    EXPECT_EQ(feeds::oembed_endpoint(base, base + "/w/s-1"),
              base + "/oembed?url=https%3A%2F%2Fnews.example%2Fw%2Fs-1&format=json");
}

TEST(DependencyKeys, APublishedStoryTouchesItsMonthSitemap) {
    StoryPage page;
    page.story.id = 1;
    page.section.slug = "world";
    page.story.published_at = at("2026-03-31T23:59:59Z");
    auto keys = deps::touched_by(page);
    EXPECT_NE(std::find(keys.begin(), keys.end(), "month:2026-03"), keys.end());
}

}  // namespace
}  // namespace dateline

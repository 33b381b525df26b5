// The reader site end to end: the real server on an ephemeral port over a
// temporary SQLite file seeded with the test site, pages checked by parsing
// their HTML.
#include <gtest/gtest.h>

#include "support/html.h"
#include "support/http_client.h"
#include "support/server_process.h"

namespace dateline::testing {
namespace {

class SitePagesTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = new TempDir();
        // The test site plus enough generated stories for several pages.
        seed_test_site(dir_->path(), 45);
        server_ = new ServerProcess(dir_->path(), {},
                                    {{"DATELINE_SITE_TIMEZONE", "Asia/Kolkata"},
                                     {"DATELINE_SITE_URL", "https://news.example"}});
    }
    static void TearDownTestSuite() {
        delete server_;
        delete dir_;
    }
    static int port() { return server_->port(); }

    static TempDir* dir_;
    static ServerProcess* server_;
};
TempDir* SitePagesTest::dir_ = nullptr;
ServerProcess* SitePagesTest::server_ = nullptr;

// The story of the test site with every part filled in.
const std::string kStoryPath = "/nation/assembly-passes-the-harbour-budget-after-a-long-night-1";

TEST_F(SitePagesTest, HomeHasEveryBlockOfTheFrontPage) {
    auto r = get(port(), "/");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8");
    Html html(r.body);
    EXPECT_EQ(Html::text(html.first("title")), "Test Ledger");
    // Header: logo, section navigation, the three menus, Trending.
    ASSERT_NE(html.first("nav.primary-nav"), nullptr);
    auto nav_links = html.all_in(html.first("nav.primary-nav"), "a");
    ASSERT_GE(nav_links.size(), 3u);
    EXPECT_EQ(Html::attr(nav_links[1], "href"), "/nation");
    auto menus = html.all("details.menu");
    ASSERT_EQ(menus.size(), 3u);
    EXPECT_EQ(Html::text(html.all_in(menus[1], "summary")[0]), "Shows");
    EXPECT_EQ(Html::text(html.all_in(menus[2], "summary")[0]), "Events");
    ASSERT_NE(html.first("nav.trending"), nullptr);
    EXPECT_NE(Html::text(html.first("nav.trending")).find("Budget"), std::string::npos);
    // Lead = first of Top Stories; the rest of the collection follows.
    auto lead = html.first("article.lead");
    ASSERT_NE(lead, nullptr);
    EXPECT_NE(Html::text(lead).find("Assembly passes the harbour budget"), std::string::npos);
    auto top = html.all_in(html.first("section.top-stories"), "article.card");
    ASSERT_EQ(top.size(), 1u);
    EXPECT_NE(Html::text(top[0]).find("ferry treaty"), std::string::npos);
    EXPECT_EQ(html.all_in(html.first("section.latest"), "article.card").size(), 10u);
    EXPECT_GE(html.count("section.section-block"), 2u);
    EXPECT_EQ(html.all_in(html.first("aside.shorts-rail"), "li.short").size(), 1u);
    ASSERT_NE(html.first("footer.site-footer"), nullptr);
    EXPECT_NE(html.first("a[href=/about]"), nullptr);
    // One h1 per page, and a skip link to main.
    EXPECT_EQ(html.count("h1"), 1u);
    EXPECT_NE(html.first("main[id=main]"), nullptr);
}

TEST_F(SitePagesTest, StoryPageHasEveryPartOfAnArticle) {
    auto r = get(port(), kStoryPath);
    ASSERT_EQ(r.status, 200);
    Html html(r.body);
    EXPECT_EQ(Html::attr(html.first("link[rel=canonical]"), "href"),
              "https://news.example" + kStoryPath);
    auto crumbs = html.all_in(html.first("nav.breadcrumb"), "li");
    ASSERT_EQ(crumbs.size(), 3u);
    EXPECT_EQ(Html::text(crumbs[0]), "Home");
    EXPECT_EQ(Html::text(crumbs[1]), "Nation");
    EXPECT_EQ(Html::text(html.first("h1")),
              "Assembly passes the harbour budget after a long night");
    EXPECT_EQ(Html::text(html.first("p.story__standfirst")), "The vote ended a month of talks.");
    EXPECT_EQ(Html::text(html.first("p.byline")), "By Ana Reyes");
    EXPECT_EQ(Html::attr(html.first("a[rel=author]"), "href"), "/author/ana-reyes");
    // Dateline in the site's time zone with its abbreviation.
    std::string dateline = Html::text(html.first("p.dateline"));
    EXPECT_NE(dateline.find(" IST"), std::string::npos) << dateline;
    EXPECT_NE(
        Html::attr(html.all_in(html.first("p.dateline"), "time")[0], "datetime").find("+05:30"),
        std::string::npos);
    // Share links are real share URLs carrying the canonical URL.
    std::string encoded = "https%3A%2F%2Fnews.example%2Fnation%2Fassembly-passes";
    EXPECT_EQ(
        Html::attr(html.first("a.share__link--whatsapp"), "href").rfind("https://wa.me/?text=", 0),
        0u);
    EXPECT_NE(Html::attr(html.first("a.share__link--facebook"), "href").find(encoded),
              std::string::npos);
    EXPECT_NE(Html::attr(html.first("a.share__link--x"), "href")
                  .find("twitter.com/intent/tweet?url=" + encoded),
              std::string::npos);
    // Hero with alt text, caption and credit.
    auto hero = html.first("figure.story__hero");
    ASSERT_NE(hero, nullptr);
    auto img = html.all_in(hero, "img")[0];
    EXPECT_EQ(Html::attr(img, "alt"), "Boats in a harbour");
    EXPECT_EQ(Html::attr(img, "width"), "1600");
    EXPECT_EQ(Html::text(html.first("figcaption")), "The harbour at dawn. A. Photographer");
    // The ad slot comes after the third paragraph of the body.
    auto body = html.first("div.story__body");
    ASSERT_NE(body, nullptr);
    EXPECT_EQ(html.count("aside.ad-slot"), 1u);
    std::string body_text = Html::text(body);
    auto ad = body_text.find("Advertisement Story continues below this ad");
    ASSERT_NE(ad, std::string::npos) << body_text;
    EXPECT_LT(body_text.find("Third paragraph."), ad);
    EXPECT_GT(body_text.find("Fourth paragraph"), ad);
    EXPECT_EQ(Html::text(html.first("p.story__agency")), "With inputs from agencies");
    auto tags = html.all("a[rel=tag]");
    ASSERT_EQ(tags.size(), 2u);
    EXPECT_EQ(Html::attr(tags[0], "href"), "/tag/budget");
    EXPECT_NE(html.first("a[href=/event/election-2026]"), nullptr);
    // More from the section, Latest News, Top Stories and Impact Shorts.
    EXPECT_EQ(Html::text(html.first("h2[id=more-heading]")), "More from Nation");
    EXPECT_GE(html.all_in(html.first("section.more-from"), "article.card").size(), 1u);
    EXPECT_EQ(Html::text(html.first("h2[id=rail-latest]")), "Latest News");
    EXPECT_EQ(Html::text(html.first("h2[id=rail-top]")), "Top Stories");
    EXPECT_EQ(Html::text(html.first("h2[id=rail-shorts]")), "Impact Shorts");
    // Nothing leaks from the source: no raw shortcodes, no template tags.
    EXPECT_EQ(r.body.find("{{"), std::string::npos);
    EXPECT_EQ(r.body.find("[caption"), std::string::npos);
}

TEST_F(SitePagesTest, StoryUrlWithOldSlugRedirectsToCanonical) {
    auto r = get(port(), "/nation/an-older-headline-1");
    EXPECT_EQ(r.status, 301);
    EXPECT_EQ(r.header("location"), kStoryPath);
    auto wrong_section =
        get(port(), "/world/assembly-passes-the-harbour-budget-after-a-long-night-1");
    EXPECT_EQ(wrong_section.status, 301);
    EXPECT_EQ(wrong_section.header("location"), kStoryPath);
}

TEST_F(SitePagesTest, SectionPagesArePaginated) {
    auto first = get(port(), "/nation");
    ASSERT_EQ(first.status, 200);
    Html html(first.body);
    EXPECT_EQ(Html::text(html.first("h1")), "Nation");
    EXPECT_EQ(html.all_in(html.first("div.listing__stories"), "article.card").size(), 20u);
    auto next = html.first("a[rel=next]");
    ASSERT_NE(next, nullptr) << "a section with more than 20 stories has a next page";
    EXPECT_EQ(Html::attr(next, "href"), "/nation?page=2");
    auto second = get(port(), "/nation?page=2");
    ASSERT_EQ(second.status, 200);
    Html html2(second.body);
    EXPECT_NE(html2.first("a[rel=prev]"), nullptr);
    EXPECT_EQ(Html::attr(html2.first("link[rel=canonical]"), "href"),
              "https://news.example/nation?page=2");
    // Pages past the last and malformed page numbers are not found.
    EXPECT_EQ(get(port(), "/nation?page=999").status, 404);
    EXPECT_EQ(get(port(), "/nation?page=abc").status, 404);
    EXPECT_EQ(get(port(), "/nation?page=0").status, 404);
}

TEST_F(SitePagesTest, TagAuthorShowAndEventPagesListTheirStories) {
    auto tag = get(port(), "/tag/ports");
    ASSERT_EQ(tag.status, 200);
    Html t(tag.body);
    EXPECT_EQ(Html::text(t.first("h1")), "Ports");
    std::string cards = Html::text(t.first("div.listing__stories"));
    EXPECT_NE(cards.find("ferry treaty"), std::string::npos);
    EXPECT_NE(cards.find("harbour budget"), std::string::npos);

    auto author = get(port(), "/author/explainers-desk");
    ASSERT_EQ(author.status, 200);
    Html a(author.body);
    EXPECT_EQ(Html::text(a.first("p.listing__kind")), "Desk");
    EXPECT_NE(Html::text(a.first("div.listing__stories")).find("ferry treaty"), std::string::npos);

    auto show = get(port(), "/show/nightly");
    ASSERT_EQ(show.status, 200);
    EXPECT_NE(Html::text(Html(show.body).first("div.listing__stories")).find("ten minutes"),
              std::string::npos);
    auto event = get(port(), "/event/election-2026");
    ASSERT_EQ(event.status, 200);
    EXPECT_NE(Html::text(Html(event.body).first("div.listing__stories")).find("harbour budget"),
              std::string::npos);
    EXPECT_EQ(get(port(), "/tag/no-such-tag").status, 404);
    EXPECT_EQ(get(port(), "/author/NoSuch").status, 404);
}

TEST_F(SitePagesTest, StaticPagesRenderTheirMarkdown) {
    auto r = get(port(), "/about");
    ASSERT_EQ(r.status, 200);
    Html html(r.body);
    EXPECT_EQ(Html::text(html.first("h1")), "About Us");
    EXPECT_EQ(Html::text(html.first("div.static-page__body")), "We are a test.");
}

TEST_F(SitePagesTest, UnknownPathsGetTheThemedNotFoundPage) {
    for (std::string path : {"/no-such-page", "/nation/not-a-story", "/nation/x-99999", "/a/b/c/d",
                             "/%00", "/tag/", "/media/../dateline.db"}) {
        auto r = get(port(), path);
        if (r.status == 301) continue;  // "/tag/" loses its slash first
        EXPECT_EQ(r.status, 404) << path;
        Html html(r.body);
        EXPECT_EQ(Html::text(html.first("h1")), "Page not found") << path;
        EXPECT_NE(html.first("nav.primary-nav"), nullptr) << path;
    }
    EXPECT_EQ(get(port(), "/tag/").header("location"), "/tag");
}

TEST_F(SitePagesTest, AssetsAndMediaAreCachedForAYear) {
    Html home(get(port(), "/").body);
    std::string css = Html::attr(home.first("link[rel=stylesheet]"), "href");
    ASSERT_NE(css.find("?v="), std::string::npos);
    auto r = get(port(), css);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.header("content-type"), "text/css; charset=utf-8");
    EXPECT_EQ(r.header("cache-control"), "public, max-age=31536000, immutable");
    // A stale fingerprint still answers, but only for a short while.
    auto stale = get(port(), "/assets/site.css?v=old");
    EXPECT_EQ(stale.status, 200);
    EXPECT_EQ(stale.header("cache-control"), "public, max-age=300");

    std::string src = Html::attr(home.all_in(home.first("article.lead"), "img")[0], "src");
    auto image = get(port(), src);
    EXPECT_EQ(image.status, 200);
    EXPECT_EQ(image.header("content-type"), "image/jpeg");
    EXPECT_EQ(image.header("cache-control"), "public, max-age=31536000, immutable");
    ASSERT_GE(image.body.size(), 3u);
    EXPECT_EQ(static_cast<unsigned char>(image.body[0]), 0xFF);
    EXPECT_EQ(static_cast<unsigned char>(image.body[1]), 0xD8);
}

TEST_F(SitePagesTest, HealthCheckAnswers) {
    auto r = get(port(), "/healthz");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, "{\"status\":\"ok\",\"schema\":2}\n");
}

}  // namespace
}  // namespace dateline::testing

// Feeds, sitemaps, robots.txt, structured data and oEmbed through the real
// server, checked the way their real consumers read them: feedparser (the
// parser behind many feed readers) for RSS and Atom, the sitemaps.org and
// Google News XSDs with xmllint for sitemaps, nlohmann::json for JSON Feed,
// JSON-LD and oEmbed.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "model/dependencies.h"
#include "store/store.h"
#include "support/html.h"
#include "support/http_client.h"
#include "support/server_process.h"

namespace dateline::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kBase = "https://news.example";
const std::string kStoryPath = "/nation/assembly-passes-the-harbour-budget-after-a-long-night-1";
constexpr int kStories = 3 + 45;  // the test site's stories and the generated ones

// The shared fixtures: ../shared beside the repository (and beside CI's clone).
fs::path schemas_dir() {
    return fs::path(DATELINE_SOURCE_DIR).parent_path() / "shared" / "fixtures" / "schemas";
}

class FeedsTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = new TempDir();
        seed_test_site(dir_->path(), 45);
        server_ = new ServerProcess(
            dir_->path(), {},
            {{"DATELINE_SITE_TIMEZONE", "Asia/Kolkata"}, {"DATELINE_SITE_URL", kBase}});
    }
    static void TearDownTestSuite() {
        delete server_;
        delete dir_;
    }
    static int port() { return server_->port(); }
    static std::string local() { return "http://127.0.0.1:" + std::to_string(port()); }

    // Writes the body to a file and runs xmllint on it; "" when it validates.
    static std::string xmllint(const std::string& body, const std::string& schema) {
        static int n = 0;
        fs::path file = dir_->path() / ("doc-" + std::to_string(++n) + ".xml");
        std::ofstream(file) << body;
        fs::path out = dir_->path() / "xmllint.out";
        std::string command = "xmllint --noout";
        if (!schema.empty()) command += " --schema '" + (schemas_dir() / schema).string() + "'";
        command += " '" + file.string() + "' > '" + out.string() + "' 2>&1";
        int rc = std::system(command.c_str());
        if (rc == 0) return "";
        std::ifstream in(out);
        return std::string(std::istreambuf_iterator<char>(in), {});
    }
    // Runs tests/integration/check_feeds.py against the server.
    static int check_feeds(const std::vector<std::string>& specs) {
        // The feeds say https://news.example; feedparser fetches from the
        // server, and the script compares links with the site's base URL.
        std::string command = "/usr/bin/python3 '" + std::string(DATELINE_SOURCE_DIR) +
                              "/tests/integration/check_feeds.py' '" + local() + "' '" + kBase +
                              "'";
        for (const auto& s : specs)
            command += " '" + s + "'";
        return std::system(command.c_str());
    }
    static std::vector<std::string> locs(const std::string& xml) {
        std::vector<std::string> out;
        std::regex loc("<loc>([^<]+)</loc>");
        for (std::sregex_iterator it(xml.begin(), xml.end(), loc), end; it != end; ++it)
            out.push_back((*it)[1]);
        return out;
    }
    static std::string path_of(const std::string& url) { return url.substr(kBase.size()); }

    static TempDir* dir_;
    static ServerProcess* server_;
};
TempDir* FeedsTest::dir_ = nullptr;
ServerProcess* FeedsTest::server_ = nullptr;

TEST_F(FeedsTest, EveryFeedHasItsContentTypeAndCacheHeaders) {
    const std::pair<const char*, const char*> cases[] = {
        {"/feed.xml", "application/rss+xml; charset=utf-8"},
        {"/atom.xml", "application/atom+xml; charset=utf-8"},
        {"/feed.json", "application/feed+json; charset=utf-8"},
        {"/nation/feed.xml", "application/rss+xml; charset=utf-8"},
        {"/tag/budget/atom.xml", "application/atom+xml; charset=utf-8"},
        {"/author/ana-reyes/feed.json", "application/feed+json; charset=utf-8"},
        {"/sitemap.xml", "application/xml; charset=utf-8"},
        {"/sitemaps/news.xml", "application/xml; charset=utf-8"},
        {"/sitemaps/pages.xml", "application/xml; charset=utf-8"},
        {"/robots.txt", "text/plain; charset=utf-8"},
    };
    for (const auto& [path, type] : cases) {
        auto r = get(port(), path, {{"Accept-Encoding", "gzip"}});
        EXPECT_EQ(r.status, 200) << path;
        EXPECT_EQ(r.header("content-type"), type) << path;
        EXPECT_NE(r.header("cache-control").find("public, max-age="), std::string::npos) << path;
        EXPECT_FALSE(r.header("etag").empty()) << path;
    }
    EXPECT_EQ(get(port(), "/tag/no-such-tag/feed.xml").status, 404);
    EXPECT_EQ(get(port(), "/no-such-section/feed.xml").status, 404);
    EXPECT_EQ(get(port(), "/sitemaps/stories-1999-01.xml").status, 404);
    EXPECT_EQ(get(port(), "/sitemaps/stories-2026-13.xml").status, 404);
}

TEST_F(FeedsTest, FeedparserReadsEveryFeedWithoutWarnings) {
    // The site feeds hold every story (48 < 50); the scopes hold theirs.
    std::string n = std::to_string(kStories);
    EXPECT_EQ(check_feeds({"/feed.xml:rss20:" + n, "/atom.xml:atom10:" + n,
                           "/feed.json:json11:" + n, "/nation/feed.xml:rss20:+",
                           "/nation/atom.xml:atom10:+", "/world/feed.json:json11:+",
                           "/tag/ports/feed.xml:rss20:+", "/tag/ports/atom.xml:atom10:+",
                           "/tag/ports/feed.json:json11:+", "/author/ana-reyes/feed.xml:rss20:+",
                           "/author/explainers-desk/atom.xml:atom10:+",
                           "/author/explainers-desk/feed.json:json11:+"}),
              0);
}

TEST_F(FeedsTest, FeedItemsCarryPermalinkDatesAndTheHeroImage) {
    auto r = get(port(), "/feed.json");
    ASSERT_EQ(r.status, 200);
    json feed = json::parse(r.body);
    EXPECT_EQ(feed["version"], "https://jsonfeed.org/version/1.1");
    EXPECT_EQ(feed["feed_url"], kBase + "/feed.json");
    const json* story = nullptr;
    for (const auto& item : feed["items"])
        if (item["url"] == kBase + kStoryPath) story = &item;
    ASSERT_NE(story, nullptr);
    EXPECT_EQ((*story)["title"], "Assembly passes the harbour budget after a long night");
    EXPECT_EQ((*story)["summary"], "The vote ended a month of talks.");
    EXPECT_EQ((*story)["content_text"], "The vote ended a month of talks.");  // summary mode
    EXPECT_TRUE(std::regex_match((*story)["id"].get<std::string>(),
                                 std::regex("tag:news\\.example,\\d{4}-\\d\\d-\\d\\d:story:1")));
    EXPECT_TRUE(std::regex_match((*story)["date_published"].get<std::string>(),
                                 std::regex("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ")));
    EXPECT_EQ((*story)["image"].get<std::string>().rfind(kBase + "/media/", 0), 0u);
    EXPECT_EQ((*story)["authors"][0]["url"], kBase + "/author/ana-reyes");

    auto rss = get(port(), "/feed.xml").body;
    EXPECT_NE(rss.find("<link>" + kBase + kStoryPath + "</link>"), std::string::npos);
    EXPECT_TRUE(std::regex_search(rss, std::regex("<enclosure url=\"https://news\\.example/media/"
                                                  "[^\"]+\" length=\"[1-9][0-9]*\" "
                                                  "type=\"image/[a-z]+\"/>")));
    EXPECT_TRUE(std::regex_search(
        rss, std::regex("<pubDate>(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d\\d (Jan|Feb|Mar|Apr|May|Jun|"
                        "Jul|Aug|Sep|Oct|Nov|Dec) \\d{4} \\d\\d:\\d\\d:\\d\\d \\+0000</pubDate>")));
    EXPECT_EQ(rss.find("content:encoded>"), std::string::npos) << "summaries by default";
    EXPECT_EQ(xmllint(rss, ""), "");
}

TEST_F(FeedsTest, AtomIsWellFormed) {
    // No Atom RELAX NG or XSD ships with Debian or in the fixtures, so Atom
    // is checked for well-formedness here and read by feedparser above.
    for (const char* path : {"/atom.xml", "/nation/atom.xml", "/tag/budget/atom.xml"}) {
        auto r = get(port(), path);
        ASSERT_EQ(r.status, 200);
        EXPECT_EQ(xmllint(r.body, ""), "") << path;
    }
}

TEST_F(FeedsTest, FeedsAnswerConditionalRequestsWith304) {
    for (const char* path : {"/feed.xml", "/atom.xml", "/feed.json", "/sitemaps/news.xml"}) {
        auto first = get(port(), path);
        ASSERT_EQ(first.status, 200);
        std::string etag = first.header("etag");
        std::string modified = first.header("last-modified");
        ASSERT_FALSE(etag.empty()) << path;
        ASSERT_FALSE(modified.empty()) << path;
        EXPECT_EQ(get(port(), path, {{"If-None-Match", etag}}).status, 304) << path;
        EXPECT_EQ(get(port(), path, {{"If-Modified-Since", modified}}).status, 304) << path;
    }
}

TEST_F(FeedsTest, SitemapsValidateAgainstTheSitemapsOrgAndNewsSchemas) {
    ASSERT_TRUE(fs::exists(schemas_dir() / "siteindex.xsd")) << schemas_dir();
    auto index = get(port(), "/sitemap.xml");
    ASSERT_EQ(index.status, 200);
    EXPECT_EQ(xmllint(index.body, "siteindex.xsd"), "");
    auto listed = locs(index.body);
    ASSERT_GE(listed.size(), 3u);
    EXPECT_EQ(listed[0], kBase + "/sitemaps/pages.xml");
    EXPECT_EQ(listed[1], kBase + "/sitemaps/news.xml");
    size_t story_urls = 0;
    for (const auto& url : listed) {
        auto r = get(port(), path_of(url));
        ASSERT_EQ(r.status, 200) << url;
        EXPECT_EQ(xmllint(r.body, "sitemap-with-extensions.xsd"), "") << url;
        if (url.find("/stories-") != std::string::npos) story_urls += locs(r.body).size();
    }
    EXPECT_EQ(story_urls, static_cast<size_t>(kStories));

    auto news = get(port(), "/sitemaps/news.xml").body;
    EXPECT_NE(news.find("<news:name>Test Ledger</news:name>"), std::string::npos);
    EXPECT_NE(news.find("<news:language>en</news:language>"), std::string::npos);
    EXPECT_NE(news.find("<loc>" + kBase + kStoryPath + "</loc>"), std::string::npos);
    EXPECT_NE(news.find("<news:publication_date>"), std::string::npos);
    EXPECT_NE(news.find("<image:loc>" + kBase + "/media/"), std::string::npos);
    EXPECT_LE(locs(news).size(), 1000u);

    auto pages = get(port(), "/sitemaps/pages.xml").body;
    for (const char* path : {"/", "/nation", "/tag/budget", "/author/ana-reyes", "/about"})
        EXPECT_NE(pages.find("<loc>" + kBase + path + "</loc>"), std::string::npos) << path;
}

TEST_F(FeedsTest, RobotsTxtNamesTheSitemaps) {
    auto r = get(port(), "/robots.txt");
    ASSERT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("User-agent: *\n"), std::string::npos);
    EXPECT_NE(r.body.find("Sitemap: " + kBase + "/sitemap.xml\n"), std::string::npos);
    EXPECT_NE(r.body.find("Sitemap: " + kBase + "/sitemaps/news.xml\n"), std::string::npos);
}

std::vector<json> json_ld_blocks(const Html& html) {
    std::vector<json> out;
    for (const GumboNode* script : html.all("script[type=application/ld+json]")) {
        std::string text;
        for (unsigned i = 0; i < script->v.element.children.length; ++i) {
            auto* child = static_cast<const GumboNode*>(script->v.element.children.data[i]);
            if (child->type == GUMBO_NODE_TEXT) text += child->v.text.text;
        }
        out.push_back(json::parse(text));  // throws, failing the test, when not JSON
    }
    return out;
}

const json* of_type(const std::vector<json>& blocks, const std::string& type) {
    for (const auto& b : blocks)
        if (b.value("@type", "") == type) return &b;
    return nullptr;
}

TEST_F(FeedsTest, StoryPagesCarryNewsArticleBreadcrumbsAndSharingTags) {
    auto r = get(port(), kStoryPath);
    ASSERT_EQ(r.status, 200);
    Html html(r.body);
    auto blocks = json_ld_blocks(html);
    const json* article = of_type(blocks, "NewsArticle");
    ASSERT_NE(article, nullptr);
    EXPECT_EQ((*article)["@context"], "https://schema.org");
    EXPECT_EQ((*article)["headline"], "Assembly passes the harbour budget after a long night");
    EXPECT_EQ((*article)["description"], "The vote ended a month of talks.");
    EXPECT_TRUE(std::regex_match((*article)["datePublished"].get<std::string>(),
                                 std::regex("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+05:30")));
    EXPECT_TRUE((*article).contains("dateModified"));
    ASSERT_EQ((*article)["author"].size(), 1u);
    EXPECT_EQ((*article)["author"][0]["@type"], "Person");
    EXPECT_EQ((*article)["author"][0]["url"], kBase + "/author/ana-reyes");
    EXPECT_EQ((*article)["publisher"]["name"], "Test Ledger");
    EXPECT_EQ((*article)["publisher"]["logo"]["url"].get<std::string>().rfind(kBase, 0), 0u);
    ASSERT_EQ((*article)["image"].size(), 3u);
    for (const auto& image : (*article)["image"]) {
        EXPECT_EQ(image["url"].get<std::string>().rfind(kBase + "/media/", 0), 0u);
        EXPECT_GT(image["width"].get<int>(), 0);
    }
    EXPECT_EQ((*article)["articleSection"], "Nation");
    EXPECT_EQ((*article)["keywords"], json::array({"Budget", "Ports"}));
    EXPECT_EQ((*article)["isAccessibleForFree"], true);
    EXPECT_EQ((*article)["mainEntityOfPage"]["@id"], kBase + kStoryPath);

    const json* crumbs = of_type(blocks, "BreadcrumbList");
    ASSERT_NE(crumbs, nullptr);
    ASSERT_EQ((*crumbs)["itemListElement"].size(), 3u);
    EXPECT_EQ((*crumbs)["itemListElement"][1]["item"], kBase + "/nation");
    EXPECT_EQ((*crumbs)["itemListElement"][2]["position"], 3);

    auto meta = [&](const std::string& selector) {
        auto node = html.first(selector);
        return node ? Html::attr(node, "content") : std::string("(missing)");
    };
    EXPECT_EQ(meta("meta[property=og:type]"), "article");
    EXPECT_EQ(meta("meta[property=og:url]"), kBase + kStoryPath);
    EXPECT_EQ(meta("meta[property=og:title]"),
              "Assembly passes the harbour budget after a long night");
    EXPECT_EQ(meta("meta[property=og:image]").rfind(kBase + "/media/", 0), 0u);
    EXPECT_EQ(meta("meta[property=og:image:alt]"), "Boats in a harbour");
    EXPECT_EQ(meta("meta[name=twitter:card]"), "summary_large_image");
    EXPECT_EQ(meta("meta[property=article:section]"), "Nation");

    // oEmbed discovery, and the endpoint it names answers for the story.
    auto discovery = html.first("link[type=application/json+oembed]");
    ASSERT_NE(discovery, nullptr);
    std::string href = Html::attr(discovery, "href");
    ASSERT_EQ(href.rfind(kBase + "/oembed?url=", 0), 0u);
    auto oembed = get(port(), path_of(href));
    ASSERT_EQ(oembed.status, 200);
    EXPECT_EQ(oembed.header("content-type"), "application/json; charset=utf-8");
    json o = json::parse(oembed.body);
    EXPECT_EQ(o["version"], "1.0");
    EXPECT_EQ(o["type"], "rich");
    EXPECT_EQ(o["provider_name"], "Test Ledger");
    EXPECT_NE(o["html"].get<std::string>().find(kBase + kStoryPath), std::string::npos);
    EXPECT_GT(o["width"].get<int>(), 0);
    EXPECT_GT(o["height"].get<int>(), 0);
    EXPECT_EQ(
        get(port(), "/oembed?url=https%3A%2F%2Felsewhere.example%2Fa%2Fb-1&format=json").status,
        404);
    EXPECT_EQ(
        get(port(), "/oembed?url=" + href.substr(href.find("url=") + 4, 40) + "&format=xml").status,
        501);

    // Feed discovery: the site's feeds on every page.
    EXPECT_EQ(Html::attr(html.first("link[type=application/rss+xml]"), "href"),
              kBase + "/feed.xml");
}

TEST_F(FeedsTest, HomeCarriesOrganizationAndWebSiteWithSearch) {
    auto r = get(port(), "/");
    ASSERT_EQ(r.status, 200);
    Html html(r.body);
    auto blocks = json_ld_blocks(html);
    const json* org = of_type(blocks, "NewsMediaOrganization");
    ASSERT_NE(org, nullptr);
    EXPECT_EQ((*org)["name"], "Test Ledger");
    EXPECT_EQ((*org)["url"], kBase + "/");
    EXPECT_TRUE((*org)["logo"].contains("url"));
    const json* site = of_type(blocks, "WebSite");
    ASSERT_NE(site, nullptr);
    EXPECT_EQ((*site)["potentialAction"]["@type"], "SearchAction");
    EXPECT_EQ((*site)["potentialAction"]["target"]["urlTemplate"],
              kBase + "/search?q={search_term_string}");
    EXPECT_EQ((*site)["potentialAction"]["query-input"], "required name=search_term_string");
    // A listing links its own feeds before the site's.
    Html tag(get(port(), "/tag/ports").body);
    auto feeds = tag.all("link[type=application/rss+xml]");
    ASSERT_EQ(feeds.size(), 2u);
    EXPECT_EQ(Html::attr(feeds[0], "href"), kBase + "/tag/ports/feed.xml");
}

TEST_F(FeedsTest, APublishShowsUpInTheSiteFeedAndTheNewsSitemap) {
    // Warm the cache first, so the test sees invalidation, not a first render.
    std::string feed_etag = get(port(), "/feed.xml").header("etag");
    std::string world_etag = get(port(), "/world/feed.xml").header("etag");
    ASSERT_EQ(get(port(), "/sitemaps/news.xml").status, 200);

    StoreOptions options;
    options.sqlite_path = dir_->path() / "dateline.db";
    auto store = open_store(options);
    ASSERT_TRUE(store);
    Story fresh;
    fresh.headline = "Harbour pilots vote to strike at dawn";
    fresh.slug = "harbour-pilots-vote-to-strike";
    fresh.section_id = (*store)->sections().by_slug("nation")->id;
    fresh.status = StoryStatus::published;
    fresh.published_at =
        std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    fresh.created_at = fresh.updated_at = *fresh.published_at;
    fresh.body_html = "<p>Pilots walked out.</p>";
    auto id = (*store)->stories().create(fresh);
    ASSERT_TRUE(id);
    ASSERT_TRUE(
        (*store)->changes().append(deps::touched_by(*(*store)->stories().published_page(*id))));

    std::string feed, news;
    for (int i = 0; i < 60; ++i) {
        feed = get(port(), "/feed.xml").body;
        news = get(port(), "/sitemaps/news.xml").body;
        if (feed.find("Harbour pilots") != std::string::npos &&
            news.find("Harbour pilots") != std::string::npos)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    std::string url = kBase + "/nation/harbour-pilots-vote-to-strike-" + std::to_string(*id);
    EXPECT_NE(feed.find("<link>" + url + "</link>"), std::string::npos);
    EXPECT_NE(news.find("<loc>" + url + "</loc>"), std::string::npos);
    EXPECT_NE(get(port(), "/feed.xml").header("etag"), feed_etag);
    // The World feed does not list the story and was left alone.
    EXPECT_EQ(get(port(), "/world/feed.xml").header("etag"), world_etag);
    EXPECT_EQ(xmllint(news, "sitemap-with-extensions.xsd"), "");
}

TEST(FeedsFullContentTest, FullContentFeedsCarryTheBodyWithAbsoluteLinks) {
    TempDir dir;
    seed_test_site(dir.path());
    ServerProcess server(dir.path(), {},
                         {{"DATELINE_FEEDS_FULL_CONTENT", "true"}, {"DATELINE_SITE_URL", kBase}});
    auto rss = get(server.port(), "/feed.xml").body;
    EXPECT_NE(rss.find("<content:encoded>"), std::string::npos);
    EXPECT_NE(rss.find("First paragraph of the story."), std::string::npos);
    json feed = json::parse(get(server.port(), "/feed.json").body);
    bool found = false;
    for (const auto& item : feed["items"]) {
        if (!item.contains("content_html")) continue;
        found = true;
        EXPECT_EQ(item["content_html"].get<std::string>().find("src=\"/"), std::string::npos);
    }
    EXPECT_TRUE(found);
    auto atom = get(server.port(), "/atom.xml").body;
    EXPECT_NE(atom.find("<content type=\"html\">"), std::string::npos);
}

}  // namespace
}  // namespace dateline::testing

// Search end to end: the real server over a real SQLite file seeded with
// the test site. The themed page and the JSON endpoint, filters, paging,
// malformed and hostile queries (always 200 with a message), and the
// anonymous "Most searched" list.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <thread>

#include "support/html.h"
#include "support/http_client.h"
#include "support/server_process.h"
#include "util/strings.h"

namespace dateline::testing {
namespace {

using nlohmann::json;

class SearchTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = new TempDir();
        seed_test_site(dir_->path(), 30);
        server_ = new ServerProcess(dir_->path(), {},
                                    {{"DATELINE_SITE_URL", "https://news.example"},
                                     {"DATELINE_SEARCH_FLUSH_SECONDS", "1"}});
    }
    static void TearDownTestSuite() {
        delete server_;
        delete dir_;
    }
    static int port() { return server_->port(); }
    static json get_json(const std::string& target) {
        auto r = get(port(), target);
        EXPECT_EQ(r.status, 200) << target;
        EXPECT_EQ(r.header("content-type"), "application/json");
        return json::parse(r.body);
    }

    static TempDir* dir_;
    static ServerProcess* server_;
};
TempDir* SearchTest::dir_ = nullptr;
ServerProcess* SearchTest::server_ = nullptr;

TEST_F(SearchTest, PageShowsResultsWithMarkedMatchesInTheTheme) {
    auto r = get(port(), "/search?q=ferry+treaty");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.header("cache-control"), "public, max-age=30");
    Html html(r.body);
    EXPECT_EQ(Html::text(html.first("h1")), "Search");
    EXPECT_NE(html.first("nav.primary-nav"), nullptr);  // the site's header
    EXPECT_NE(html.first("footer.site-footer"), nullptr);
    EXPECT_EQ(Html::attr(html.first("meta[name=robots]"), "content"), "noindex, follow");
    auto input = html.first("input[id=search-q]");
    ASSERT_NE(input, nullptr);
    EXPECT_EQ(Html::attr(input, "value"), "ferry treaty");
    EXPECT_NE(html.first("label[for=search-q]"), nullptr);
    auto results = html.all("li.search-result");
    ASSERT_GE(results.size(), 1u);
    EXPECT_NE(Html::text(results[0]).find("ferry treaty"), std::string::npos);
    EXPECT_GE(html.all_in(results[0], "mark").size(), 2u);
    EXPECT_NE(Html::text(html.first("p.search__summary")).find("match"), std::string::npos);
}

TEST_F(SearchTest, HeaderOfEveryPageHasASearchFormThatWorksWithoutScript) {
    Html html(get(port(), "/").body);
    auto form = html.first("form.site-search");
    ASSERT_NE(form, nullptr);
    EXPECT_EQ(Html::attr(form, "action"), "/search");
    EXPECT_EQ(Html::attr(form, "method"), "get");
    EXPECT_NE(html.first("label[for=site-search-q]"), nullptr);
    EXPECT_EQ(Html::attr(html.first("input[id=site-search-q]"), "name"), "q");
}

TEST_F(SearchTest, JsonHasResultsWithUrlsDatesAndSnippets) {
    // Words of the test site's own stories, not of the generated ones.
    auto j = get_json("/search.json?q=travellers+treaty");
    ASSERT_GE(j["results"].size(), 1u);
    EXPECT_EQ(j["total"].get<int>(), static_cast<int>(j["results"].size()));
    EXPECT_FALSE(j["has_more"].get<bool>());
    EXPECT_TRUE(j["next"].is_null());
    const auto& first = j["results"][0];
    EXPECT_TRUE(first["id"].is_number());
    EXPECT_TRUE(starts_with(first["url"].get<std::string>(), "https://news.example/"));
    EXPECT_EQ(first["published_at"].get<std::string>().size(), 20u);  // 2026-11-01T00:00:00Z
    EXPECT_TRUE(first["section"]["slug"].is_string());
    EXPECT_NE(first["headline_html"].get<std::string>().find("<mark>"), std::string::npos);
}

TEST_F(SearchTest, PagesLinkToTheNextOne) {
    // The generated stories share a small vocabulary: "the" is everywhere.
    auto j = get_json("/search.json?q=the&sort=date");
    ASSERT_EQ(j["results"].size(), 10u);
    ASSERT_TRUE(j["has_more"].get<bool>());
    EXPECT_GT(j["total"].get<int>(), 10);
    std::string next = j["next"].get<std::string>();
    EXPECT_NE(next.find("page=2"), std::string::npos);
    EXPECT_NE(next.find("sort=date"), std::string::npos);
    auto second = get_json(next);
    EXPECT_EQ(second["page"].get<int>(), 2);
    EXPECT_NE(second["results"][0]["id"], j["results"][0]["id"]);
    // Newest first: dates never go up along the pages.
    EXPECT_GE(j["results"][9]["published_at"].get<std::string>(),
              second["results"][0]["published_at"].get<std::string>());
}

TEST_F(SearchTest, FiltersBySectionAuthorAndDates) {
    auto world = get_json("/search.json?q=treaty&section=world");
    for (const auto& r : world["results"])
        EXPECT_EQ(r["section"]["slug"], "world");
    EXPECT_GE(world["results"].size(), 1u);
    auto nation = get_json("/search.json?q=ferry+treaty&section=nation");
    for (const auto& r : nation["results"])
        EXPECT_EQ(r["section"]["slug"], "nation");
    auto by_author = get_json("/search.json?q=budget&author=ana-reyes");
    ASSERT_GE(by_author["results"].size(), 1u);
    for (const auto& r : by_author["results"])
        EXPECT_EQ(r["authors"][0]["url"], "/author/ana-reyes");
    auto none = get_json("/search.json?q=budget&from=1990-01-01&to=1990-12-31");
    EXPECT_EQ(none["total"], 0);
    auto bad = get_json("/search.json?q=budget&section=nowhere&from=yesterday&sort=best");
    EXPECT_GE(bad["notes"].size(), 3u);
    EXPECT_GE(bad["results"].size(), 1u);  // bad filters are left out, not fatal
}

TEST_F(SearchTest, MalformedQueriesAnswer200WithAMessage) {
    const char* queries[] = {"%22",          "AND+OR+NOT",   "*",         "body%3Abudget",
                             "NEAR(a+b)",    "%C3%A9cole",   "%FF%FE%01", "(((",
                             "%22%22%22",    "budget%22+OR", "-",         "%E2%80%94",
                             "%5E%7B%7D%3A", "%00budget"};
    for (const char* q : queries) {
        auto page = get(port(), std::string("/search?q=") + q);
        EXPECT_EQ(page.status, 200) << q;
        EXPECT_NE(page.body.find("search-q"), std::string::npos) << q;
        auto j = get(port(), std::string("/search.json?q=") + q);
        EXPECT_EQ(j.status, 200) << q;
        EXPECT_TRUE(json::accept(j.body)) << q;
    }
    auto star = get_json("/search.json?q=*");
    ASSERT_GE(star["notes"].size(), 1u);
    auto quote = get_json("/search.json?q=%22harbour+budget");
    ASSERT_GE(quote["notes"].size(), 1u);
}

TEST_F(SearchTest, TenKilobyteQueryIsShortenedNotRefused) {
    std::string q;
    while (q.size() < 10 * 1024)
        q += "budget+";
    auto j = get_json("/search.json?q=" + q);
    ASSERT_GE(j["notes"].size(), 1u);
    EXPECT_NE(j["notes"][0].get<std::string>().find("shortened"), std::string::npos);
    EXPECT_GE(j["results"].size(), 1u);
    EXPECT_EQ(get(port(), "/search?q=" + q).status, 200);
}

TEST_F(SearchTest, MarkupInTheQueryIsEscapedInThePageAndSnippets) {
    std::string attack =
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E%22%3E%3Cimg+src%3Dx+onerror%3Dalert(2)%3E+budget";
    auto r = get(port(), "/search?q=" + attack);
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.body.find("<script>alert"), std::string::npos);
    EXPECT_EQ(r.body.find("<img src=x"), std::string::npos);
    EXPECT_NE(r.body.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
    Html html(r.body);
    for (const auto* img : html.all("img"))
        EXPECT_TRUE(Html::attr(img, "onerror").empty());
    auto j = get_json("/search.json?q=" + attack);
    for (const auto& result : j["results"]) {
        std::string snippet = result["snippet_html"].get<std::string>();
        EXPECT_EQ(snippet.find("<script"), std::string::npos);
        // Only <mark> elements: every '<' opens one or closes one.
        for (size_t at = snippet.find('<'); at != std::string::npos; at = snippet.find('<', at + 1))
            EXPECT_TRUE(snippet.compare(at, 6, "<mark>") == 0 ||
                        snippet.compare(at, 7, "</mark>") == 0)
                << snippet;
    }
}

TEST_F(SearchTest, MostSearchedListsRepeatedQueriesWithoutAnythingPersonal) {
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(get(port(), "/search?q=Ferry++TREATY").status, 200);
        EXPECT_EQ(get(port(), "/search?q=budget+reader%40example.com").status, 200);
    }
    // Counts reach the store within the flush interval (one second here).
    json popular;
    for (int i = 0; i < 50; ++i) {
        popular = get_json("/search/popular.json")["popular"];
        if (!popular.empty()) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ASSERT_FALSE(popular.empty());
    bool found = false;
    for (const auto& p : popular) {
        EXPECT_EQ(p["term"].get<std::string>().find('@'), std::string::npos);
        if (p["term"] == "ferry treaty") found = p["count"].get<int>() >= 3;
    }
    EXPECT_TRUE(found) << popular.dump();
    auto bare = get_json("/search.json");
    EXPECT_FALSE(bare["popular"].empty());
    Html html(get(port(), "/search").body);
    auto list = html.first("section.search__popular");
    ASSERT_NE(list, nullptr);
    EXPECT_NE(Html::text(list).find("ferry treaty"), std::string::npos);
}

TEST_F(SearchTest, JsonAnswersAreShortLivedInSharedCaches) {
    for (const char* target : {"/search.json?q=budget", "/search/popular.json", "/search"})
        EXPECT_EQ(get(port(), target).header("cache-control"), "public, max-age=30") << target;
}

}  // namespace
}  // namespace dateline::testing

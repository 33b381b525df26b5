// The public Content API against the real server: keys and scopes, revoked
// keys, filters and pagination, drafts never shown, CORS, conditional
// requests, a publish showing at once, and the OpenAPI description held to
// the routes.
#include <gtest/gtest.h>

#include <set>

#include "support/admin_client.h"
#include "support/server_process.h"

namespace dateline::testing {
namespace {

using nlohmann::json;

const std::string kPassword = "correct horse battery";
const std::string kPrefix = "/api/content/v1";

class ContentApiTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = new TempDir();
        seed_test_site(dir_->path());
        add_user(dir_->path(), "admin@example.test", "Admin", "admin", kPassword);
        server_ = new ServerProcess(dir_->path());
        auto admin = as_admin();
        reader_key_ = new std::string(make_key(admin, "Partner app", {"content:read"}));
        writer_key_ = new std::string(make_key(admin, "Wire feed", {"stories:write"}));
    }
    static void TearDownTestSuite() {
        delete reader_key_;
        delete writer_key_;
        delete server_;
        server_ = nullptr;
        delete dir_;
        dir_ = nullptr;
    }

    static int port() { return server_->port(); }
    static AdminClient as_admin() {
        AdminClient c(port());
        auto a = c.login("admin@example.test", kPassword);
        EXPECT_EQ(a.status, 201) << a.raw.body;
        return c;
    }
    static std::string make_key(AdminClient& admin, const std::string& name,
                                const std::vector<std::string>& scopes) {
        auto made = admin.call("POST", "/api-keys", {{"name", name}, {"scopes", scopes}});
        EXPECT_EQ(made.status, 201) << made.raw.body;
        return made.body.value("key", "");
    }
    // GET path (under the prefix) with a key; extra headers as given.
    static HttpResponse fetch(const std::string& path, const std::string& key,
                              std::map<std::string, std::string> headers = {},
                              const std::string& method = "GET") {
        if (!key.empty()) headers["Authorization"] = "Bearer " + key;
        return get(port(), kPrefix + path, headers, method);
    }
    static json read(const std::string& path) {
        auto r = fetch(path, *reader_key_);
        EXPECT_EQ(r.status, 200) << path << ": " << r.body;
        return json::parse(r.body, nullptr, false);
    }
    static std::set<int64_t> ids_of(const json& list) {
        std::set<int64_t> out;
        for (const auto& item : list["items"])
            out.insert(item["id"].get<int64_t>());
        return out;
    }
    // A draft through the admin API, in the first section (nation).
    static json draft(AdminClient& admin, const std::string& headline) {
        auto a = admin.call("POST", "/stories",
                            {{"headline", headline},
                             {"section_id", 1},
                             {"standfirst", "A standfirst."},
                             {"body", "First paragraph.\n\nSecond paragraph."}});
        EXPECT_EQ(a.status, 201) << a.raw.body;
        return a.body;
    }
    static json set_status(AdminClient& admin, const json& story, const std::string& status) {
        auto a =
            admin.call("POST", "/stories/" + std::to_string(story["id"].get<int64_t>()) + "/status",
                       {{"version", story["version"]}, {"status", status}});
        EXPECT_EQ(a.status, 200) << a.raw.body;
        return a.body;
    }

    static TempDir* dir_;
    static ServerProcess* server_;
    static std::string* reader_key_;
    static std::string* writer_key_;
};

TempDir* ContentApiTest::dir_ = nullptr;
ServerProcess* ContentApiTest::server_ = nullptr;
std::string* ContentApiTest::reader_key_ = nullptr;
std::string* ContentApiTest::writer_key_ = nullptr;

TEST_F(ContentApiTest, KeysAndScopesDecideTheAnswer) {
    auto none = fetch("/stories", "");
    EXPECT_EQ(none.status, 401);
    auto error = json::parse(none.body, nullptr, false);
    EXPECT_EQ(error["error"]["code"], "unauthorized") << none.body;
    EXPECT_NE(none.header("www-authenticate").find("Bearer"), std::string::npos);

    EXPECT_EQ(fetch("/stories", "dl_nonsense_key").status, 401);
    std::string forged = reader_key_->substr(0, reader_key_->size() - 2) + "xx";
    EXPECT_EQ(fetch("/stories", forged).status, 401);
    EXPECT_EQ(get(port(), kPrefix + "/stories", {{"Authorization", "Basic abc"}}).status, 401);

    auto wrong_scope = fetch("/stories", *writer_key_);
    EXPECT_EQ(wrong_scope.status, 403);
    EXPECT_EQ(json::parse(wrong_scope.body)["error"]["code"], "forbidden");

    EXPECT_EQ(fetch("/stories", *reader_key_).status, 200);
    // The query parameter, for clients that cannot send headers.
    EXPECT_EQ(get(port(), kPrefix + "/stories?api_key=" + *reader_key_).status, 200);
    EXPECT_EQ(get(port(), kPrefix + "/stories?api_key=dl_bad_key").status, 401);
}

TEST_F(ContentApiTest, ARevokedKeyStopsWorkingAtOnce) {
    auto admin = as_admin();
    auto made =
        admin.call("POST", "/api-keys", {{"name", "Short-lived"}, {"scopes", {"content:read"}}});
    ASSERT_EQ(made.status, 201) << made.raw.body;
    std::string key = made.body["key"];
    EXPECT_EQ(fetch("/sections", key).status, 200);
    ASSERT_EQ(
        admin.call("DELETE", "/api-keys/" + std::to_string(made.body["id"].get<int64_t>())).status,
        200);
    EXPECT_EQ(fetch("/sections", key).status, 401);
}

TEST_F(ContentApiTest, StoriesComeNewestFirstAndPageByLimitAndOffset) {
    auto all = read("/stories?limit=100");
    ASSERT_GE(all["items"].size(), 3u);
    EXPECT_EQ(all["total"].get<size_t>(), all["items"].size());
    for (size_t i = 1; i < all["items"].size(); ++i)
        EXPECT_GE(all["items"][i - 1]["published_at"].get<std::string>(),
                  all["items"][i]["published_at"].get<std::string>());

    auto first = read("/stories?limit=1");
    auto second = read("/stories?limit=1&offset=1");
    ASSERT_EQ(first["items"].size(), 1u);
    ASSERT_EQ(second["items"].size(), 1u);
    EXPECT_EQ(first["items"][0]["id"], all["items"][0]["id"]);
    EXPECT_EQ(second["items"][0]["id"], all["items"][1]["id"]);
    EXPECT_EQ(first["total"], all["total"]);
    EXPECT_EQ(first["limit"], 1);
    EXPECT_EQ(second["offset"], 1);

    for (const char* bad : {"limit=0", "limit=101", "limit=ten", "offset=-1"}) {
        auto r = fetch(std::string("/stories?") + bad, *reader_key_);
        EXPECT_EQ(r.status, 422) << bad;
        auto e = json::parse(r.body, nullptr, false);
        EXPECT_EQ(e["error"]["fields"][0]["field"],
                  std::string(bad).substr(0, std::string(bad).find('=')))
            << r.body;
    }
}

TEST_F(ContentApiTest, StoryItemsCarryWhatAClientShows) {
    auto list = read("/stories?tag=budget&section=nation&limit=100");
    ASSERT_FALSE(list["items"].empty());
    json item;
    for (const auto& i : list["items"])
        if (i["headline"] == "Assembly passes the harbour budget after a long night") item = i;
    ASSERT_FALSE(item.is_null()) << list.dump();
    EXPECT_EQ(item["url"].get<std::string>().rfind("http", 0), 0u) << item["url"];
    EXPECT_NE(item["url"].get<std::string>().find("/nation/"), std::string::npos);
    EXPECT_EQ(item["section"]["slug"], "nation");
    EXPECT_EQ(item["authors"][0]["slug"], "ana-reyes");
    EXPECT_EQ(item["tags"].size(), 2u);
    EXPECT_FALSE(item["excerpt"].get<std::string>().empty());
    EXPECT_FALSE(item["updated_at"].get<std::string>().empty());
    ASSERT_TRUE(item["hero"].is_object()) << item.dump();
    EXPECT_EQ(item["hero"]["alt"], "Boats in a harbour");
    EXPECT_FALSE(item["hero"]["renditions"].empty());
    EXPECT_FALSE(item["hero"]["srcset"].empty());
    EXPECT_FALSE(item.contains("body_html"));

    auto full = read("/stories/" + std::to_string(item["id"].get<int64_t>()));
    EXPECT_EQ(full["headline"], item["headline"]);
    EXPECT_NE(full["body_html"].get<std::string>().find("<p>First paragraph"), std::string::npos);
    EXPECT_GT(full["word_count"].get<int>(), 10);
    EXPECT_GE(full["reading_time_minutes"].get<int>(), 1);
    EXPECT_EQ(full["events"][0]["slug"], "election-2026");
}

TEST_F(ContentApiTest, FiltersNarrowAndBadOnesNameTheirField) {
    for (const auto& item : read("/stories?section=nation&limit=100")["items"])
        EXPECT_EQ(item["section"]["slug"], "nation");
    auto world = read("/stories?section=world");
    ASSERT_FALSE(world["items"].empty());
    for (const auto& item : world["items"])
        EXPECT_EQ(item["section"]["slug"], "world");
    auto by_desk = read("/stories?author=explainers-desk");
    ASSERT_EQ(by_desk["items"].size(), 1u);
    EXPECT_EQ(by_desk["items"][0]["headline"], "What the new ferry treaty means for travellers");
    for (const auto& item : read("/stories?tag=ports")["items"]) {
        bool tagged = false;
        for (const auto& t : item["tags"])
            tagged = tagged || t["slug"] == "ports";
        EXPECT_TRUE(tagged) << item.dump();
    }

    EXPECT_TRUE(read("/stories?since=2999-01-01T00:00:00Z")["items"].empty());
    EXPECT_TRUE(read("/stories?until=2000-01-01T00:00:00Z")["items"].empty());
    // The three seeded stories were published 2, 5 and 8 hours before the
    // seeding: a window around the middle one holds it and not the others.
    auto all = read("/stories?author=explainers-desk");
    std::string at = all["items"][0]["published_at"];
    auto window = read("/stories?since=" + at + "&until=2999-01-01T00:00:00Z&tag=ports");
    std::set<std::string> headlines;
    for (const auto& item : window["items"])
        headlines.insert(item["headline"]);
    EXPECT_TRUE(headlines.count("What the new ferry treaty means for travellers"));
    auto before = read("/stories?until=" + at + "&tag=ports");
    for (const auto& item : before["items"])
        EXPECT_LT(item["published_at"].get<std::string>(), at);

    auto bad = fetch("/stories?section=nowhere&since=yesterday", *reader_key_);
    EXPECT_EQ(bad.status, 422);
    auto e = json::parse(bad.body, nullptr, false);
    std::set<std::string> fields;
    for (const auto& f : e["error"]["fields"])
        fields.insert(f["field"]);
    EXPECT_EQ(fields, (std::set<std::string>{"section", "since"})) << bad.body;
    EXPECT_EQ(fetch("/stories?tag=nope", *reader_key_).status, 422);
    EXPECT_EQ(fetch("/stories?author=nope", *reader_key_).status, 422);
}

TEST_F(ContentApiTest, UnpublishedStoriesNeverAppearAndAPublishShowsAtOnce) {
    auto admin = as_admin();
    json story = draft(admin, "A draft the public must not see");
    std::string id = std::to_string(story["id"].get<int64_t>());
    auto before = fetch("/stories?limit=100", *reader_key_);
    ASSERT_EQ(before.status, 200);
    EXPECT_EQ(ids_of(json::parse(before.body)).count(story["id"]), 0u);
    auto missing = fetch("/stories/999999", *reader_key_);
    auto hidden = fetch("/stories/" + id, *reader_key_);
    EXPECT_EQ(hidden.status, 404);
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(json::parse(hidden.body)["error"], json::parse(missing.body)["error"]);

    story = set_status(admin, story, "published");
    // The client revalidates with the old ETag and must get the new list.
    auto after =
        fetch("/stories?limit=100", *reader_key_, {{"If-None-Match", before.header("etag")}});
    ASSERT_EQ(after.status, 200);
    EXPECT_EQ(ids_of(json::parse(after.body)).count(story["id"]), 1u);
    auto shown = fetch("/stories/" + id, *reader_key_);
    ASSERT_EQ(shown.status, 200);
    EXPECT_EQ(json::parse(shown.body)["headline"], "A draft the public must not see");

    set_status(admin, story, "unpublished");
    EXPECT_EQ(fetch("/stories/" + id, *reader_key_).status, 404);
    EXPECT_EQ(ids_of(read("/stories?limit=100")).count(story["id"]), 0u);
}

TEST_F(ContentApiTest, ScheduledStoriesStayHidden) {
    auto admin = as_admin();
    json story = draft(admin, "Scheduled for next year");
    auto a =
        admin.call("POST", "/stories/" + std::to_string(story["id"].get<int64_t>()) + "/status",
                   {{"version", story["version"]},
                    {"status", "scheduled"},
                    {"publish_at", "2099-01-01T00:00:00Z"}});
    ASSERT_EQ(a.status, 200) << a.raw.body;
    EXPECT_EQ(fetch("/stories/" + std::to_string(story["id"].get<int64_t>()), *reader_key_).status,
              404);
    EXPECT_EQ(ids_of(read("/stories?limit=100")).count(story["id"]), 0u);
}

TEST_F(ContentApiTest, CorsHeadersOnEveryAnswerAndPreflight) {
    auto ok = fetch("/sections", *reader_key_, {{"Origin", "https://app.example"}});
    EXPECT_EQ(ok.header("access-control-allow-origin"), "*");
    EXPECT_FALSE(ok.has_header("access-control-allow-credentials"));
    EXPECT_NE(ok.header("access-control-expose-headers").find("ETag"), std::string::npos);
    // Errors too, so that a browser app can read why.
    auto refused = fetch("/sections", "", {{"Origin", "https://app.example"}});
    EXPECT_EQ(refused.status, 401);
    EXPECT_EQ(refused.header("access-control-allow-origin"), "*");

    auto pre = fetch("/stories/1", "",
                     {{"Origin", "https://app.example"},
                      {"Access-Control-Request-Method", "GET"},
                      {"Access-Control-Request-Headers", "authorization"}},
                     "OPTIONS");
    EXPECT_EQ(pre.status, 204);
    EXPECT_EQ(pre.header("access-control-allow-origin"), "*");
    EXPECT_NE(pre.header("access-control-allow-methods").find("GET"), std::string::npos);
    EXPECT_NE(pre.header("access-control-allow-headers").find("Authorization"), std::string::npos);
    EXPECT_FALSE(pre.header("access-control-max-age").empty());
    EXPECT_EQ(fetch("/nothing-here", "", {}, "OPTIONS").status, 404);
}

TEST_F(ContentApiTest, AnswersRevalidateWithTheirETag) {
    auto first = fetch("/tags", *reader_key_);
    ASSERT_EQ(first.status, 200);
    std::string etag = first.header("etag");
    ASSERT_FALSE(etag.empty());
    EXPECT_NE(first.header("cache-control").find("max-age=60"), std::string::npos);
    EXPECT_NE(first.header("cache-control").find("private"), std::string::npos);
    auto again = fetch("/tags", *reader_key_, {{"If-None-Match", etag}});
    EXPECT_EQ(again.status, 304);
    EXPECT_TRUE(again.body.empty());
    // A revalidation does not get around the key.
    EXPECT_EQ(fetch("/tags", "", {{"If-None-Match", etag}}).status, 401);
}

TEST_F(ContentApiTest, OnlyReadingIsAllowed) {
    auto r = fetch("/stories", *reader_key_, {}, "DELETE");
    EXPECT_EQ(r.status, 405);
    EXPECT_NE(r.header("allow").find("GET"), std::string::npos);
    auto head = fetch("/sections", *reader_key_, {}, "HEAD");
    EXPECT_EQ(head.status, 200);
}

TEST_F(ContentApiTest, TaxonomiesAndShortsAreListed) {
    auto sections = read("/sections");
    std::set<std::string> slugs;
    for (const auto& s : sections["items"])
        slugs.insert(s["slug"]);
    EXPECT_TRUE(slugs.count("nation") && slugs.count("world"));
    auto tags = read("/tags?limit=1");
    EXPECT_EQ(tags["items"].size(), 1u);
    EXPECT_EQ(tags["total"], 2);
    EXPECT_EQ(read("/tags?limit=1&offset=1")["items"][0]["slug"], "ports");
    auto authors = read("/authors");
    EXPECT_EQ(authors["total"], 2);
    EXPECT_EQ(authors["items"][0]["slug"], "ana-reyes");
    auto shorts = read("/shorts");
    ASSERT_EQ(shorts["items"].size(), 1u);
    EXPECT_EQ(shorts["items"][0]["headline"], "Budget passes");
    EXPECT_EQ(shorts["items"][0]["story_url"].get<std::string>().rfind("http", 0), 0u);
    EXPECT_TRUE(read("/shorts?offset=1")["items"].empty());
    EXPECT_EQ(fetch("/shorts?limit=500", *reader_key_).status, 422);
}

TEST_F(ContentApiTest, TheOpenApiDescriptionListsEveryRouteAndEachAnswers) {
    auto r = get(port(), kPrefix + "/openapi.json");  // no key needed
    ASSERT_EQ(r.status, 200) << r.body;
    auto doc = json::parse(r.body, nullptr, false);
    ASSERT_TRUE(doc.is_object());
    EXPECT_EQ(doc["openapi"], "3.1.0");
    int64_t story_id = read("/stories?limit=1")["items"][0]["id"];
    std::set<std::string> paths;
    for (const auto& [path, ops] : doc["paths"].items()) {
        paths.insert(path);
        ASSERT_TRUE(ops.contains("get")) << path;
        std::string concrete = path;
        if (auto at = concrete.find("{id}"); at != std::string::npos)
            concrete.replace(at, 4, std::to_string(story_id));
        EXPECT_EQ(fetch(concrete, *reader_key_).status, 200) << path;
    }
    EXPECT_EQ(paths, (std::set<std::string>{"/stories", "/stories/{id}", "/sections", "/tags",
                                            "/authors", "/shorts", "/openapi.json"}));
}

}  // namespace
}  // namespace dateline::testing

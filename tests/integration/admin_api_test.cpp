// The admin API against the real server: sign-in, CSRF, the permission
// matrix role by role, optimistic concurrency, workflow and scheduling,
// revisions, API keys, password changes and resets, throttling.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <thread>

#include "support/admin_client.h"
#include "support/server_process.h"
#include "util/clock.h"

namespace dateline::testing {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

const std::string kPassword = "correct horse battery";

struct Staff {
    std::string role;
    std::string email;
};
const Staff kStaff[] = {
    {"owner", "owner@example.test"},    {"admin", "admin@example.test"},
    {"editor", "editor@example.test"},  {"author", "author@example.test"},
    {"author", "author2@example.test"}, {"contributor", "contributor@example.test"}};

class AdminApiTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = new TempDir();
        seed_test_site(dir_->path());
        for (const auto& s : kStaff)
            add_user(dir_->path(), s.email, s.role + " " + s.email.substr(0, 7), s.role, kPassword);
        server_ = new ServerProcess(dir_->path());
    }
    static void TearDownTestSuite() {
        delete server_;
        server_ = nullptr;
        delete dir_;
        dir_ = nullptr;
    }

    static int port() { return server_->port(); }
    static AdminClient as(const std::string& email) {
        AdminClient c(port());
        auto a = c.login(email, kPassword);
        EXPECT_EQ(a.status, 201) << a.raw.body;
        return c;
    }
    static AdminClient as_with(const std::string& email, const std::string& password) {
        AdminClient c(port());
        auto a = c.login(email, password);
        EXPECT_EQ(a.status, 201) << a.raw.body;
        return c;
    }
    static json new_story(AdminClient& c, const std::string& headline) {
        auto a = c.call("POST", "/stories",
                        {{"headline", headline},
                         {"section_id", 1},
                         {"standfirst", "A standfirst."},
                         {"body", "First paragraph.\n\nSecond paragraph."}});
        EXPECT_EQ(a.status, 201) << a.raw.body;
        return a.body;
    }

    static TempDir* dir_;
    static ServerProcess* server_;
};

TempDir* AdminApiTest::dir_ = nullptr;
ServerProcess* AdminApiTest::server_ = nullptr;

TEST_F(AdminApiTest, WrongPasswordAndUnknownEmailGetTheSameAnswer) {
    AdminClient c(port());
    auto wrong = c.login("editor@example.test", "not the password at all");
    auto unknown = c.login("nobody@example.test", "not the password at all");
    EXPECT_EQ(wrong.status, 401);
    EXPECT_EQ(unknown.status, 401);
    EXPECT_EQ(wrong.body["error"]["message"], unknown.body["error"]["message"]);
    EXPECT_TRUE(c.cookie().empty());
}

TEST_F(AdminApiTest, SessionCookieIsHttpOnlyAndSameSiteLax) {
    AdminClient c(port());
    auto a = c.login("editor@example.test", kPassword);
    ASSERT_EQ(a.status, 201);
    std::string cookie = a.raw.header("set-cookie");
    EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
    EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos) << cookie;
    EXPECT_NE(cookie.find("Path=/"), std::string::npos) << cookie;
    // 256-bit tokens, base64url: 43 characters.
    EXPECT_GE(c.cookie().size(), std::string("dl_session=").size() + 43);
    EXPECT_EQ(a.body["user"]["role"], "editor");
    EXPECT_FALSE(a.body["user"].contains("password_hash"));
}

TEST_F(AdminApiTest, StateChangesWithACookieNeedTheCsrfToken) {
    auto c = as("editor@example.test");
    auto without = c.call("POST", "/stories", {{"headline", "No token"}, {"section_id", 1}}, false);
    EXPECT_EQ(without.status, 403);
    EXPECT_EQ(without.body["error"]["code"], "forbidden");
    auto with = c.call("POST", "/stories", {{"headline", "With token"}, {"section_id", 1}});
    EXPECT_EQ(with.status, 201) << with.raw.body;
    // Reading needs no token.
    EXPECT_EQ(c.call("GET", "/session", nullptr, false).status, 200);
}

TEST_F(AdminApiTest, WithoutASessionEverythingButSignInIsRefused) {
    AdminClient anonymous(port());
    EXPECT_EQ(anonymous.call("GET", "/session").status, 401);
    EXPECT_EQ(anonymous.call("POST", "/stories", {{"headline", "x"}}).status, 401);
    EXPECT_EQ(anonymous.call("GET", "/users").status, 401);
}

TEST_F(AdminApiTest, ValidationNamesEveryBadField) {
    auto c = as("editor@example.test");
    auto a =
        c.call("POST", "/stories",
               {{"headline", ""}, {"section_id", 9999}, {"slug", "Not A Slug"}, {"kind", "x"}});
    ASSERT_EQ(a.status, 422) << a.raw.body;
    std::set<std::string> fields;
    for (const auto& f : a.body["error"]["fields"])
        fields.insert(f["field"].get<std::string>());
    EXPECT_TRUE(fields.count("kind")) << a.raw.body;
    auto b =
        c.call("POST", "/stories", {{"headline", ""}, {"section_id", 9999}, {"slug", "Bad Slug"}});
    ASSERT_EQ(b.status, 422) << b.raw.body;
    fields.clear();
    for (const auto& f : b.body["error"]["fields"])
        fields.insert(f["field"].get<std::string>());
    EXPECT_TRUE(fields.count("headline")) << b.raw.body;
    EXPECT_TRUE(fields.count("section_id")) << b.raw.body;
    EXPECT_TRUE(fields.count("slug")) << b.raw.body;
    auto bad_json = send(
        port(), "POST", "/api/admin/v1/stories",
        {{"Cookie", c.cookie()}, {"X-CSRF-Token", c.csrf()}, {"Content-Type", "application/json"}},
        "{not json");
    EXPECT_EQ(bad_json.status, 422);
}

// The permission matrix through the API, role by role.
// Every role against every action of the matrix (docs/newsroom.md), each
// through the request that performs it. The expectations are written out
// here from the issue, not taken from the code's table.
TEST_F(AdminApiTest, EveryRoleAgainstEveryAction) {
    const std::vector<std::string> roles{"contributor", "author", "editor", "admin", "owner"};
    // action -> the lowest role allowed
    const std::vector<std::pair<std::string, std::string>> matrix{{"story.create", "contributor"},
                                                                  {"story.edit_own", "contributor"},
                                                                  {"story.edit_any", "editor"},
                                                                  {"story.submit", "contributor"},
                                                                  {"story.publish_own", "author"},
                                                                  {"story.publish_any", "editor"},
                                                                  {"story.delete", "editor"},
                                                                  {"media.upload", "contributor"},
                                                                  {"media.edit", "editor"},
                                                                  {"curate", "editor"},
                                                                  {"taxonomy", "editor"},
                                                                  {"sections", "admin"},
                                                                  {"pages", "editor"},
                                                                  {"redirects", "editor"},
                                                                  {"users", "admin"},
                                                                  {"settings", "admin"},
                                                                  {"api_keys", "admin"}};
    auto rank = [&](const std::string& role) {
        return std::find(roles.begin(), roles.end(), role) - roles.begin();
    };
    auto owner = as("owner@example.test");
    std::ifstream in(std::string(DATELINE_SOURCE_DIR) + "/tests/fixtures/media/tiny.jpg",
                     std::ios::binary);
    std::string jpeg((std::istreambuf_iterator<char>(in)), {});
    auto image = owner.upload("/media", "probe.jpg", jpeg, {{"alt", "probe"}});
    ASSERT_TRUE(image.status == 201 || image.status == 200) << image.raw.body;
    int n = 0;
    for (const auto& role : roles) {
        std::string email = role == "author" ? "author@example.test" : role + "@example.test";
        auto c = as(email);
        for (const auto& [action, lowest] : matrix) {
            std::string unique = role + "-" + std::to_string(++n);
            json theirs = new_story(owner, "Owner's story " + unique);
            std::string theirs_path = "/stories/" + std::to_string(theirs["id"].get<int64_t>());
            ApiAnswer a;
            if (action == "story.create") {
                a = c.call("POST", "/stories", {{"headline", "New " + unique}, {"section_id", 1}});
            } else if (action == "story.edit_own" || action == "story.submit" ||
                       action == "story.publish_own") {
                json mine = new_story(c, "Mine " + unique);
                std::string path = "/stories/" + std::to_string(mine["id"].get<int64_t>());
                if (action == "story.edit_own")
                    a = c.call("PATCH", path, {{"version", mine["version"]}, {"standfirst", "x"}});
                else
                    a = c.call("POST", path + "/status",
                               {{"version", mine["version"]},
                                {"status", action == "story.submit" ? "in_review" : "published"}});
            } else if (action == "story.edit_any") {
                a = c.call("PATCH", theirs_path,
                           {{"version", theirs["version"]}, {"standfirst", "x"}});
            } else if (action == "story.publish_any") {
                a = c.call("POST", theirs_path + "/status",
                           {{"version", theirs["version"]}, {"status", "published"}});
            } else if (action == "story.delete") {
                a = c.call("DELETE", theirs_path);
            } else if (action == "media.upload") {
                a = c.upload("/media", unique + ".jpg", jpeg, {{"alt", unique}});
            } else if (action == "media.edit") {
                auto current =
                    c.call("GET", "/media/" + std::to_string(image.body["id"].get<int64_t>()));
                a = c.call("PATCH", "/media/" + std::to_string(image.body["id"].get<int64_t>()),
                           {{"version", current.body["version"]}, {"alt", "probe " + unique}});
            } else if (action == "curate") {
                a = c.call("POST", "/shorts",
                           {{"headline", unique}, {"summary", "Six words in this short summary."}});
            } else if (action == "taxonomy") {
                a = c.call("POST", "/tags", {{"name", "Tag " + unique}});
            } else if (action == "sections") {
                a = c.call("POST", "/sections", {{"name", "Section " + unique}});
            } else if (action == "pages") {
                a = c.call("POST", "/pages", {{"title", "Page " + unique}, {"body", "Text."}});
            } else if (action == "redirects") {
                a = c.call("PUT", "/redirects",
                           {{"from_path", "/old/" + unique}, {"to_path", "/"}});
            } else if (action == "users") {
                a = c.call("GET", "/users");
            } else if (action == "settings") {
                a = c.call("GET", "/settings");
            } else if (action == "api_keys") {
                a = c.call("GET", "/api-keys");
            }
            bool allowed = rank(role) >= rank(lowest);
            if (allowed) {
                EXPECT_TRUE(a.status >= 200 && a.status < 300)
                    << role << " " << action << ": " << a.status << " " << a.raw.body;
            } else {
                EXPECT_EQ(a.status, 403) << role << " " << action << ": " << a.raw.body;
            }
        }
    }
}

TEST_F(AdminApiTest, ContributorWritesDraftsButCannotPublish) {
    auto c = as("contributor@example.test");
    json story = new_story(c, "A contributor's draft");
    int64_t id = story["id"];
    auto publish = c.call("POST", "/stories/" + std::to_string(id) + "/status",
                          {{"version", story["version"]}, {"status", "published"}});
    EXPECT_EQ(publish.status, 403) << publish.raw.body;
    auto submit = c.call("POST", "/stories/" + std::to_string(id) + "/status",
                         {{"version", story["version"]}, {"status", "in_review"}});
    ASSERT_EQ(submit.status, 200) << submit.raw.body;
    EXPECT_EQ(submit.body["status"], "in_review");
    // Once submitted, the story is the desk's.
    auto edit = c.call("PATCH", "/stories/" + std::to_string(id),
                       {{"version", submit.body["version"]}, {"headline", "Changed after submit"}});
    EXPECT_EQ(edit.status, 403) << edit.raw.body;
    EXPECT_EQ(c.call("GET", "/users").status, 403);
    EXPECT_EQ(c.call("GET", "/api-keys").status, 403);
}

TEST_F(AdminApiTest, AuthorPublishesOwnStoriesButNotOthers) {
    auto author = as("author@example.test");
    auto other = as("author2@example.test");
    json mine = new_story(author, "The author's own story");
    json theirs = new_story(other, "Another author's story");
    auto publish =
        author.call("POST", "/stories/" + std::to_string(mine["id"].get<int64_t>()) + "/status",
                    {{"version", mine["version"]}, {"status", "published"}});
    EXPECT_EQ(publish.status, 200) << publish.raw.body;
    auto edit = author.call("PATCH", "/stories/" + std::to_string(theirs["id"].get<int64_t>()),
                            {{"version", theirs["version"]}, {"headline", "Hijacked"}});
    EXPECT_EQ(edit.status, 403) << edit.raw.body;
    auto publish_other =
        author.call("POST", "/stories/" + std::to_string(theirs["id"].get<int64_t>()) + "/status",
                    {{"version", theirs["version"]}, {"status", "published"}});
    EXPECT_EQ(publish_other.status, 403);
    EXPECT_EQ(author.call("DELETE", "/stories/" + std::to_string(mine["id"].get<int64_t>())).status,
              403);
}

TEST_F(AdminApiTest, EditorEditsAndPublishesAnythingButManagesNoUsers) {
    auto author = as("author@example.test");
    auto editor = as("editor@example.test");
    json story = new_story(author, "Edited by the desk");
    std::string path = "/stories/" + std::to_string(story["id"].get<int64_t>());
    auto edit =
        editor.call("PATCH", path, {{"version", story["version"]}, {"headline", "Desk edit"}});
    ASSERT_EQ(edit.status, 200) << edit.raw.body;
    auto publish = editor.call("POST", path + "/status",
                               {{"version", edit.body["version"]}, {"status", "published"}});
    EXPECT_EQ(publish.status, 200) << publish.raw.body;
    EXPECT_EQ(editor.call("GET", "/users").status, 403);
    EXPECT_EQ(editor
                  .call("POST", "/users",
                        {{"email", "x@example.test"},
                         {"name", "X"},
                         {"role", "author"},
                         {"password", kPassword}})
                  .status,
              403);
}

TEST_F(AdminApiTest, AdminManagesUsersButNotTheOwner) {
    auto admin = as("admin@example.test");
    auto users = admin.call("GET", "/users");
    ASSERT_EQ(users.status, 200);
    int64_t owner_id = 0;
    for (const auto& u : users.body["items"])
        if (u["role"] == "owner") owner_id = u["id"];
    ASSERT_NE(owner_id, 0);
    EXPECT_EQ(admin.call("DELETE", "/users/" + std::to_string(owner_id)).status, 403);
    auto made = admin.call("POST", "/users",
                           {{"email", "new.author@example.test"},
                            {"name", "New Author"},
                            {"role", "author"},
                            {"password", kPassword}});
    ASSERT_EQ(made.status, 201) << made.raw.body;
    auto owner_attempt = admin.call("POST", "/users",
                                    {{"email", "second.owner@example.test"},
                                     {"name", "Second Owner"},
                                     {"role", "owner"},
                                     {"password", kPassword}});
    EXPECT_EQ(owner_attempt.status, 403);
    auto short_password = admin.call("POST", "/users",
                                     {{"email", "weak@example.test"},
                                      {"name", "Weak"},
                                      {"role", "author"},
                                      {"password", "short"}});
    EXPECT_EQ(short_password.status, 422);
    auto owner = as("owner@example.test");
    EXPECT_EQ(owner.call("DELETE", "/users/" + std::to_string(owner_id)).status, 403);
}

TEST_F(AdminApiTest, TheSecondOfTwoEditorsGetsTheConflictAndNothingIsLost) {
    auto first = as("editor@example.test");
    auto second = as("admin@example.test");
    json story = new_story(first, "Two editors, one story");
    std::string path = "/stories/" + std::to_string(story["id"].get<int64_t>());
    auto a = first.call("PATCH", path, {{"version", story["version"]}, {"body", "First edit."}});
    ASSERT_EQ(a.status, 200) << a.raw.body;
    auto b = second.call("PATCH", path, {{"version", story["version"]}, {"body", "Second edit."}});
    ASSERT_EQ(b.status, 409) << b.raw.body;
    EXPECT_EQ(b.body["current"]["body"], "First edit.");
    EXPECT_EQ(b.body["current"]["version"], a.body["version"]);
    auto now = first.call("GET", path);
    EXPECT_EQ(now.body["body"], "First edit.");
}

TEST_F(AdminApiTest, PublishingShowsOnTheSiteAtOnceAndEditsInvalidate) {
    auto editor = as("editor@example.test");
    json story = new_story(editor, "Fresh from the desk");
    std::string path = "/stories/" + std::to_string(story["id"].get<int64_t>());
    auto published = editor.call("POST", path + "/status",
                                 {{"version", story["version"]}, {"status", "published"}});
    ASSERT_EQ(published.status, 200) << published.raw.body;
    auto home = get(port(), "/");
    EXPECT_NE(home.body.find("Fresh from the desk"), std::string::npos);
    std::string url = "/nation/" + published.body["slug"].get<std::string>() + "-" +
                      std::to_string(story["id"].get<int64_t>());
    ASSERT_EQ(get(port(), url).status, 200);
    // "Updated" shows for a change in a later second than the publication.
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    auto edited = editor.call(
        "PATCH", path,
        {{"version", published.body["version"]}, {"headline", "Fresh from the desk, corrected"}});
    ASSERT_EQ(edited.status, 200);
    EXPECT_FALSE(edited.body["content_updated_at"].is_null());
    auto page = get(port(), url);
    EXPECT_NE(page.body.find("Fresh from the desk, corrected"), std::string::npos);
    EXPECT_NE(page.body.find("Updated"), std::string::npos);
}

TEST_F(AdminApiTest, ChangingAPublishedSlugLeavesARedirect) {
    auto editor = as("editor@example.test");
    json story = new_story(editor, "Slug before");
    int64_t id = story["id"];
    std::string path = "/stories/" + std::to_string(id);
    auto pub = editor.call("POST", path + "/status",
                           {{"version", story["version"]}, {"status", "published"}});
    ASSERT_EQ(pub.status, 200);
    std::string old_url = "/nation/slug-before-" + std::to_string(id);
    ASSERT_EQ(get(port(), old_url).status, 200);
    auto moved =
        editor.call("PATCH", path, {{"version", pub.body["version"]}, {"slug", "slug-after"}});
    ASSERT_EQ(moved.status, 200) << moved.raw.body;
    auto r = get(port(), old_url);
    EXPECT_EQ(r.status, 301);
    EXPECT_EQ(r.header("location"), "/nation/slug-after-" + std::to_string(id));
    // With a trailing slash, as old links often have: one hop, not two.
    auto slashed = get(port(), old_url + "/");
    EXPECT_EQ(slashed.status, 301);
    EXPECT_EQ(slashed.header("location"), "/nation/slug-after-" + std::to_string(id));
}

TEST_F(AdminApiTest, PagesKeepTheirBodyFormat) {
    auto editor = as("editor@example.test");
    auto made = editor.call("POST", "/pages",
                            {{"title", "Imprint"},
                             {"body_format", "html"},
                             {"body", "Published by <em>the Ledger</em>.\n\nSecond paragraph"}});
    ASSERT_EQ(made.status, 201) << made.raw.body;
    EXPECT_EQ(made.body["body_format"], "html");
    std::string html = made.body["body_html"];
    EXPECT_NE(html.find("<p>Published by <em>the Ledger</em>.</p>"), std::string::npos) << html;
    std::string path = "/pages/" + std::to_string(made.body["id"].get<int64_t>());
    // A change of title alone keeps the HTML as it was rendered.
    auto renamed =
        editor.call("PATCH", path, {{"version", made.body["version"]}, {"title", "Imprint 2"}});
    ASSERT_EQ(renamed.status, 200) << renamed.raw.body;
    EXPECT_EQ(renamed.body["body_html"], html);
    auto page = get(port(), "/imprint");
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("<em>the Ledger</em>"), std::string::npos);
    // Back to Markdown: the same source renders again, its raw HTML left out.
    auto markdown = editor.call(
        "PATCH", path, {{"version", renamed.body["version"]}, {"body_format", "markdown"}});
    ASSERT_EQ(markdown.status, 200) << markdown.raw.body;
    EXPECT_EQ(markdown.body["body_html"].get<std::string>().find("<em>"), std::string::npos);
    auto bad =
        editor.call("PATCH", path, {{"version", markdown.body["version"]}, {"body_format", "rtf"}});
    EXPECT_EQ(bad.status, 422);
    EXPECT_NE(bad.raw.body.find("body_format"), std::string::npos) << bad.raw.body;
}

TEST_F(AdminApiTest, ScheduledStoriesGoLiveAtTheirTime) {
    auto editor = as("editor@example.test");
    json story = new_story(editor, "Scheduled for a moment from now");
    std::string path = "/stories/" + std::to_string(story["id"].get<int64_t>());
    auto when =
        std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()) +
        std::chrono::seconds(2);
    std::string iso = format_iso8601(when);
    auto past = editor.call("POST", path + "/status",
                            {{"version", story["version"]},
                             {"status", "scheduled"},
                             {"publish_at", "2020-01-01T00:00:00Z"}});
    EXPECT_EQ(past.status, 422);
    auto scheduled =
        editor.call("POST", path + "/status",
                    {{"version", story["version"]}, {"status", "scheduled"}, {"publish_at", iso}});
    ASSERT_EQ(scheduled.status, 200) << scheduled.raw.body;
    EXPECT_EQ(get(port(), "/").body.find("Scheduled for a moment from now"), std::string::npos);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    bool live = false;
    while (!live && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        live = get(port(), "/").body.find("Scheduled for a moment from now") != std::string::npos;
    }
    EXPECT_TRUE(live);
    EXPECT_EQ(editor.call("GET", path).body["status"], "published");
}

TEST_F(AdminApiTest, RevisionsKeepEverySaveWithADiffAndRestore) {
    auto editor = as("editor@example.test");
    json story = new_story(editor, "Revised");
    std::string path = "/stories/" + std::to_string(story["id"].get<int64_t>());
    auto v2 = editor.call(
        "PATCH", path,
        {{"version", story["version"]}, {"body", "First paragraph.\n\nA new second paragraph."}});
    ASSERT_EQ(v2.status, 200);
    auto list = editor.call("GET", path + "/revisions");
    ASSERT_EQ(list.status, 200);
    ASSERT_EQ(list.body["items"].size(), 2u);
    EXPECT_EQ(list.body["items"][0]["changed"], json::array({"body"}));
    EXPECT_EQ(list.body["items"][0]["user_name"].get<std::string>().substr(0, 6), "editor");
    int64_t newest = list.body["items"][0]["id"];
    int64_t oldest = list.body["items"][1]["id"];
    auto one = editor.call("GET", path + "/revisions/" + std::to_string(newest));
    ASSERT_EQ(one.status, 200);
    bool saw_added = false, saw_removed = false;
    for (const auto& change : one.body["diff"])
        if (change["field"] == "body")
            for (const auto& line : change["lines"]) {
                if (line[0] == "+" && line[1] == "A new second paragraph.") saw_added = true;
                if (line[0] == "-" && line[1] == "Second paragraph.") saw_removed = true;
            }
    EXPECT_TRUE(saw_added && saw_removed) << one.raw.body;
    auto restored = editor.call("POST", path + "/revisions/" + std::to_string(oldest) + "/restore",
                                {{"version", v2.body["version"]}});
    ASSERT_EQ(restored.status, 200) << restored.raw.body;
    EXPECT_EQ(restored.body["body"], "First paragraph.\n\nSecond paragraph.");
    EXPECT_EQ(editor.call("GET", path + "/revisions").body["items"][0]["kind"], "restore");
}

TEST_F(AdminApiTest, AutosaveKeepsTheUnsavedState) {
    auto c = as("contributor@example.test");
    json snapshot = {{"headline", "Half-written"}, {"body", "Typing…"}};
    ASSERT_EQ(c.call("PUT", "/stories/new/autosave", {{"snapshot", snapshot}}).status, 200);
    auto back = c.call("GET", "/stories/new/autosave");
    ASSERT_EQ(back.status, 200);
    EXPECT_EQ(back.body["snapshot"], snapshot);
    // Somebody else's autosave is their own.
    auto other = as("author@example.test");
    EXPECT_EQ(other.call("GET", "/stories/new/autosave").status, 404);
}

TEST_F(AdminApiTest, ApiKeysAreShownOnceScopedAndRevocable) {
    auto admin = as("admin@example.test");
    auto made =
        admin.call("POST", "/api-keys", {{"name", "Wire feed"}, {"scopes", {"stories:write"}}});
    ASSERT_EQ(made.status, 201) << made.raw.body;
    std::string key = made.body["key"];
    EXPECT_EQ(key.rfind("dl_", 0), 0u);
    auto listed = admin.call("GET", "/api-keys");
    EXPECT_EQ(listed.raw.body.find(key), std::string::npos);  // never shown again

    AdminClient integration(port());
    integration.use_api_key(key);
    auto wrote =
        integration.call("POST", "/stories", {{"headline", "From the wire"}, {"section_id", 1}});
    EXPECT_EQ(wrote.status, 201) << wrote.raw.body;
    auto publish = integration.call(
        "POST", "/stories/" + std::to_string(wrote.body["id"].get<int64_t>()) + "/status",
        {{"version", 1}, {"status", "published"}});
    EXPECT_EQ(publish.status, 403);                            // lacks stories:publish
    EXPECT_EQ(integration.call("GET", "/users").status, 403);  // needs a staff session
    EXPECT_EQ(integration.call("POST", "/api-keys", {{"name", "x"}, {"scopes", {"stories:write"}}})
                  .status,
              403);

    ASSERT_EQ(
        admin.call("DELETE", "/api-keys/" + std::to_string(made.body["id"].get<int64_t>())).status,
        200);
    EXPECT_EQ(integration.call("GET", "/session").status, 401);
    AdminClient forged(port());
    forged.use_api_key(key.substr(0, key.size() - 2) + "xx");
    EXPECT_EQ(forged.call("GET", "/session").status, 401);
}

TEST_F(AdminApiTest, APasswordChangeEndsEverySession) {
    auto admin = as("admin@example.test");
    ASSERT_EQ(admin
                  .call("POST", "/users",
                        {{"email", "changer@example.test"},
                         {"name", "Changer"},
                         {"role", "author"},
                         {"password", kPassword}})
                  .status,
              201);
    auto laptop = as("changer@example.test");
    auto phone = as("changer@example.test");
    auto wrong = laptop.call(
        "PUT", "/me/password",
        {{"current_password", "wrong one here"}, {"password", "a brand new passphrase"}});
    EXPECT_EQ(wrong.status, 422);
    auto changed =
        laptop.call("PUT", "/me/password",
                    {{"current_password", kPassword}, {"password", "a brand new passphrase"}});
    ASSERT_EQ(changed.status, 200) << changed.raw.body;
    laptop.set_session(laptop.cookie(), changed.body["csrf_token"]);
    EXPECT_EQ(phone.call("GET", "/session").status, 401);
    EXPECT_EQ(laptop.call("GET", "/session").status, 200);
    AdminClient again(port());
    EXPECT_EQ(again.login("changer@example.test", "a brand new passphrase").status, 201);
}

TEST_F(AdminApiTest, DisablingAnAccountEndsItsSessions) {
    auto admin = as("admin@example.test");
    auto made = admin.call("POST", "/users",
                           {{"email", "leaver@example.test"},
                            {"name", "Leaver"},
                            {"role", "author"},
                            {"password", kPassword}});
    ASSERT_EQ(made.status, 201);
    auto leaver = as("leaver@example.test");
    auto disabled = admin.call("PATCH", "/users/" + std::to_string(made.body["id"].get<int64_t>()),
                               {{"version", made.body["version"]}, {"disabled", true}});
    ASSERT_EQ(disabled.status, 200) << disabled.raw.body;
    EXPECT_EQ(leaver.call("GET", "/session").status, 401);
    AdminClient again(port());
    EXPECT_EQ(again.login("leaver@example.test", kPassword).status, 403);
}

TEST_F(AdminApiTest, RepeatedFailedLoginsAreThrottled) {
    AdminClient c(port());
    for (int i = 0; i < 10; ++i)
        ASSERT_EQ(c.login("author2@example.test", "guess number " + std::to_string(i)).status, 401);
    auto blocked = c.login("author2@example.test", kPassword);
    EXPECT_EQ(blocked.status, 429);
    EXPECT_FALSE(blocked.raw.header("retry-after").empty());
}

TEST_F(AdminApiTest, PasswordResetByMailedOneTimeToken) {
    AdminClient c(port());
    auto asked = c.call("POST", "/password-resets", {{"email", "contributor@example.test"}});
    ASSERT_EQ(asked.status, 202);
    auto unknown = c.call("POST", "/password-resets", {{"email", "nobody@example.test"}});
    EXPECT_EQ(unknown.status, 202);
    EXPECT_EQ(unknown.body, asked.body);
    std::string token;
    for (const auto& entry : fs::directory_iterator(dir_->path() / "mail")) {
        if (entry.path().filename().string().find("contributor@example.test") == std::string::npos)
            continue;
        std::ifstream in(entry.path());
        std::string text((std::istreambuf_iterator<char>(in)), {});
        auto at = text.find("token=");
        ASSERT_NE(at, std::string::npos);
        token = text.substr(at + 6, text.find_first_of("\r\n", at) - at - 6);
    }
    ASSERT_FALSE(token.empty());
    auto reset = c.call("POST", "/password-resets/confirm",
                        {{"token", token}, {"password", "reset to something new"}});
    ASSERT_EQ(reset.status, 200) << reset.raw.body;
    auto reuse = c.call("POST", "/password-resets/confirm",
                        {{"token", token}, {"password", "and again something"}});
    EXPECT_EQ(reuse.status, 422);
    EXPECT_EQ(
        AdminClient(port()).login("contributor@example.test", "reset to something new").status,
        201);
    // Put it back for the other tests.
    auto back = as_with("contributor@example.test", "reset to something new");
    ASSERT_EQ(back.call("PUT", "/me/password",
                        {{"current_password", "reset to something new"}, {"password", kPassword}})
                  .status,
              200);
}

TEST_F(AdminApiTest, MediaUploadMakesRenditionsAndRefusesSvg) {
    auto c = as("contributor@example.test");
    std::ifstream in(std::string(DATELINE_SOURCE_DIR) + "/tests/fixtures/media/tiny.jpg",
                     std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), {});
    auto up = c.upload("/media", "harbour.jpg", bytes, {{"alt", "A harbour"}, {"focal_x", "0.3"}});
    ASSERT_EQ(up.status, 201) << up.raw.body;
    EXPECT_EQ(up.body["alt"], "A harbour");
    EXPECT_FALSE(up.body["renditions"].empty());
    EXPECT_EQ(get(port(), up.body["url"].get<std::string>()).status, 200);
    std::ifstream svg_in(std::string(DATELINE_SOURCE_DIR) + "/tests/fixtures/media/script.svg");
    std::string svg((std::istreambuf_iterator<char>(svg_in)), {});
    auto refused = c.upload("/media", "x.svg", svg, {});
    EXPECT_EQ(refused.status, 422);
    EXPECT_EQ(refused.body["error"]["fields"][0]["field"], "file");
    auto bad_focal = c.upload("/media", "h.jpg", bytes, {{"focal_x", "2"}});
    EXPECT_EQ(bad_focal.status, 422);
}

TEST_F(AdminApiTest, OpenApiDescribesEveryRoute) {
    auto doc = get(port(), "/api/admin/v1/openapi.json");
    ASSERT_EQ(doc.status, 200);
    json spec = json::parse(doc.body);
    EXPECT_EQ(spec["openapi"], "3.1.0");
    auto editor = as("owner@example.test");
    size_t checked = 0;
    for (const auto& [pattern, methods] : spec["paths"].items()) {
        std::string path = pattern;
        for (size_t at; (at = path.find('{')) != std::string::npos;)
            path.replace(at, path.find('}', at) - at + 1, "999999");
        for (const auto& [method, op] : methods.items()) {
            std::string m = method;
            for (auto& ch : m)
                ch = static_cast<char>(std::toupper(ch));
            if (m == "DELETE" && path == "/session") continue;  // would sign out
            auto a = editor.call(m, path, m == "GET" || m == "DELETE" ? json() : json::object());
            // Routed: whatever the answer, it is not "no such route" or "method not allowed".
            EXPECT_NE(a.status, 405) << m << " " << path;
            if (a.status == 404) {
                EXPECT_EQ(a.body["error"]["message"].get<std::string>().find("no API route"),
                          std::string::npos)
                    << m << " " << path;
            }
            ++checked;
        }
    }
    EXPECT_GT(checked, 20u);
    EXPECT_EQ(get(port(), "/api/admin/v1/no-such-thing").status, 404);
}

// A story that came due while the server was down goes out as it starts.
TEST(AdminSchedulerTest, WhatCameDueWhileDownIsPublishedAtStart) {
    TempDir dir;
    seed_test_site(dir.path());
    add_user(dir.path(), "editor@example.test", "Editor", "editor", kPassword);
    std::string headline = "Due while the server was down";
    {
        ServerProcess server(dir.path());
        AdminClient editor(server.port());
        ASSERT_EQ(editor.login("editor@example.test", kPassword).status, 201);
        auto made = editor.call("POST", "/stories", {{"headline", headline}, {"section_id", 1}});
        ASSERT_EQ(made.status, 201);
        auto when =
            std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()) +
            std::chrono::seconds(2);
        auto scheduled = editor.call(
            "POST", "/stories/" + std::to_string(made.body["id"].get<int64_t>()) + "/status",
            {{"version", made.body["version"]},
             {"status", "scheduled"},
             {"publish_at", format_iso8601(when)}});
        ASSERT_EQ(scheduled.status, 200) << scheduled.raw.body;
        EXPECT_EQ(server.stop(SIGTERM), 0);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2500));  // its time passes while down
    ServerProcess again(dir.path());
    EXPECT_NE(get(again.port(), "/").body.find(headline), std::string::npos);
}

}  // namespace
}  // namespace dateline::testing

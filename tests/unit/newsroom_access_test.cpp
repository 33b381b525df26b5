// The permission matrix, tokens and the small parsers the newsroom relies on.
#include <gtest/gtest.h>

#include <set>

#include "admin/permissions.h"
#include "admin/tokens.h"
#include "http/multipart.h"
#include "http/route_pattern.h"
#include "model/site_time.h"
#include "util/text_diff.h"

namespace dateline {
namespace {

Principal as(Role role, int64_t id = 7) {
    Principal p;
    p.user.id = id;
    p.user.role = role;
    return p;
}

TEST(PermissionMatrix, RowsFollowTheEnumAndRolesInherit) {
    auto matrix = permission_matrix();
    for (size_t i = 0; i < matrix.size(); ++i)
        EXPECT_EQ(static_cast<size_t>(matrix[i].action), i) << matrix[i].name;
    for (const auto& a : matrix)
        for (Role r : {Role::contributor, Role::author, Role::editor, Role::admin})
            if (role_allows(r, a.action))
                for (Role higher : {Role::author, Role::editor, Role::admin, Role::owner})
                    if (rank(higher) > rank(r)) {
                        EXPECT_TRUE(role_allows(higher, a.action)) << a.name;
                    }
}

TEST(PermissionMatrix, TheIssuesRules) {
    EXPECT_TRUE(authorize(as(Role::contributor), Action::story_create));
    EXPECT_FALSE(authorize(as(Role::contributor), Action::story_publish_own));
    EXPECT_TRUE(authorize(as(Role::author), Action::story_publish_own));
    EXPECT_FALSE(authorize(as(Role::author), Action::story_publish_any));
    EXPECT_TRUE(authorize(as(Role::editor), Action::story_publish_any));
    EXPECT_TRUE(authorize(as(Role::editor), Action::curate));
    EXPECT_FALSE(authorize(as(Role::editor), Action::users));
    EXPECT_FALSE(authorize(as(Role::editor), Action::sections));
    EXPECT_TRUE(authorize(as(Role::admin), Action::users));
    EXPECT_TRUE(authorize(as(Role::admin), Action::settings));
}

TEST(PermissionMatrix, OwnStoriesOnlyForAuthors) {
    auto author = as(Role::author, 7);
    EXPECT_TRUE(authorize_story(author, Action::story_edit_own, Action::story_edit_any, 7));
    auto other = authorize_story(author, Action::story_edit_own, Action::story_edit_any, 8);
    ASSERT_FALSE(other);
    EXPECT_EQ(other.error().kind, ErrorKind::forbidden);
    EXPECT_NE(other.error().message.find("someone else"), std::string::npos);
    EXPECT_TRUE(
        authorize_story(as(Role::editor, 1), Action::story_edit_own, Action::story_edit_any, 8));
}

TEST(PermissionMatrix, ApiKeysAreScopedAndNeverManageAccounts) {
    Principal key = as(Role::admin);
    key.api_key = ApiKey{};
    key.api_key->scopes = {"stories:write"};
    EXPECT_TRUE(authorize(key, Action::story_create));
    EXPECT_FALSE(authorize(key, Action::story_publish_any));  // scope missing
    EXPECT_FALSE(authorize(key, Action::users));              // session only
    EXPECT_FALSE(authorize(key, Action::api_keys));
    Principal disabled = as(Role::owner);
    disabled.user.disabled = true;
    EXPECT_FALSE(authorize(disabled, Action::story_create));
}

TEST(Tokens, CarryAtLeast256BitsAndDiffer) {
    std::set<std::string> seen;
    for (int i = 0; i < 100; ++i) {
        auto t = random_token();
        EXPECT_EQ(t.size(), 43u);  // 32 bytes, base64url without padding
        EXPECT_EQ(
            t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
        EXPECT_TRUE(seen.insert(t).second);
    }
    EXPECT_EQ(hash_token("abc"), hash_token("abc"));
    EXPECT_NE(hash_token("abc"), hash_token("abd"));
    EXPECT_EQ(hash_token("abc").size(), 64u);
    EXPECT_TRUE(equal_secrets("same", "same"));
    EXPECT_FALSE(equal_secrets("same", "sane"));
    EXPECT_FALSE(equal_secrets("same", "same!"));
}

TEST(RoutePattern, MatchesSegmentsAndCapturesParameters) {
    std::vector<std::string_view> params;
    EXPECT_TRUE(
        http::match_route("/stories/{id}/revisions/{r}", "/stories/12/revisions/3", params));
    ASSERT_EQ(params.size(), 2u);
    EXPECT_EQ(params[0], "12");
    EXPECT_EQ(params[1], "3");
    EXPECT_FALSE(http::match_route("/stories/{id}", "/stories", params));
    EXPECT_FALSE(http::match_route("/stories/{id}", "/stories/1/x", params));
    EXPECT_FALSE(http::match_route("/stories", "/storiesx", params));
    EXPECT_TRUE(http::match_route("/stories", "/stories", params));
    EXPECT_TRUE(params.empty());
}

TEST(Cookies, FindsTheNamedValue) {
    EXPECT_EQ(http::cookie_value("a=1; dl_session=xyz; b=2", "dl_session"), "xyz");
    EXPECT_EQ(http::cookie_value("xdl_session=no", "dl_session"), "");
    EXPECT_EQ(http::cookie_value("", "dl_session"), "");
}

TEST(Multipart, ReadsFieldsAndFiles) {
    auto boundary = http::multipart_boundary("multipart/form-data; boundary=\"XyZ\"");
    ASSERT_TRUE(boundary);
    EXPECT_EQ(*boundary, "XyZ");
    EXPECT_FALSE(http::multipart_boundary("application/json"));
    std::string body =
        "--XyZ\r\nContent-Disposition: form-data; name=\"alt\"\r\n\r\nA harbour\r\n"
        "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"h.jpg\"\r\n"
        "Content-Type: image/jpeg\r\n\r\n\xff\xd8\r\n--X\xff\r\n--XyZ--\r\n";
    auto parts = http::parse_multipart(body, "XyZ");
    ASSERT_TRUE(parts);
    ASSERT_EQ(parts->size(), 2u);
    EXPECT_EQ((*parts)[0].name, "alt");
    EXPECT_EQ((*parts)[0].data, "A harbour");
    EXPECT_EQ((*parts)[1].filename, "h.jpg");
    EXPECT_EQ((*parts)[1].data, "\xff\xd8\r\n--X\xff");
    EXPECT_FALSE(http::parse_multipart("--XyZ\r\nno end", "XyZ"));
    auto form = http::parse_form("a=1&b=x+y&a=%C3%A9&bad=%zz");
    ASSERT_EQ(form.size(), 4u);
    EXPECT_EQ(form[1].second, "x y");
    EXPECT_EQ(form[2].second, "\xc3\xa9");
    EXPECT_EQ(form[3].second, "%zz");
}

TEST(TextDiff, ShowsRemovedThenAddedLinesBetweenCommonOnes) {
    auto d = diff_lines("one\ntwo\nthree\n", "one\n2\nthree\nfour\n");
    std::string shown;
    for (const auto& l : d)
        shown += (l.op == DiffOp::same ? " " : l.op == DiffOp::added ? "+" : "-") + l.text + "|";
    EXPECT_EQ(shown, " one|-two|+2| three|+four|");
    EXPECT_TRUE(diff_lines("", "").empty());
    auto big = diff_lines("a\nb\n", "c\nd\n", 1);
    ASSERT_EQ(big.size(), 4u);
    EXPECT_EQ(big[0].op, DiffOp::removed);
    EXPECT_EQ(big[3].op, DiffOp::added);
}

TEST(SiteTimeInput, ReadsAPickerValueInTheSiteZone) {
    auto kolkata = SiteTime::open("Asia/Kolkata");
    ASSERT_TRUE(kolkata);
    auto t = kolkata->parse_input_local("2026-11-29T18:30");
    ASSERT_TRUE(t);
    EXPECT_EQ(format_iso8601(*t), "2026-11-29T13:00:00Z");
    EXPECT_EQ(kolkata->input_local(*t), "2026-11-29T18:30");
    EXPECT_TRUE(kolkata->parse_input_local("2026-11-29T18:30:15"));
    EXPECT_FALSE(kolkata->parse_input_local("29/11/2026 18:30"));
    EXPECT_FALSE(kolkata->parse_input_local(""));
    EXPECT_EQ(kolkata->abbreviation(*t), "IST");
}

}  // namespace
}  // namespace dateline

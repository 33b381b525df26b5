// Names of the model's enums (model/story.h, user.h, taxonomy.h): to_string
// and parse_* round trips.
#include <gtest/gtest.h>

#include "model/story.h"
#include "model/taxonomy.h"
#include "model/user.h"

namespace dateline {
namespace {

TEST(Enums, StoryKindRoundTrips) {
    for (auto kind : {StoryKind::news, StoryKind::explainer, StoryKind::opinion,
                      StoryKind::analysis, StoryKind::live, StoryKind::video}) {
        EXPECT_EQ(parse_story_kind(to_string(kind)), kind) << to_string(kind);
    }
    EXPECT_STREQ(to_string(StoryKind::explainer), "explainer");
    EXPECT_EQ(parse_story_kind("News"), std::nullopt);
    EXPECT_EQ(parse_story_kind(""), std::nullopt);
    EXPECT_EQ(parse_story_kind("podcast"), std::nullopt);
}

TEST(Enums, KindLabels) {
    EXPECT_EQ(kind_label(StoryKind::news), "");
    EXPECT_EQ(kind_label(StoryKind::explainer), "Explainer");
    EXPECT_EQ(kind_label(StoryKind::opinion), "Opinion");
    EXPECT_EQ(kind_label(StoryKind::analysis), "Analysis");
    EXPECT_EQ(kind_label(StoryKind::live), "Live");
    EXPECT_EQ(kind_label(StoryKind::video), "Video");
}

TEST(Enums, StoryStatusRoundTrips) {
    for (auto status : {StoryStatus::draft, StoryStatus::in_review, StoryStatus::scheduled,
                        StoryStatus::published, StoryStatus::unpublished, StoryStatus::archived}) {
        EXPECT_EQ(parse_story_status(to_string(status)), status) << to_string(status);
    }
    EXPECT_STREQ(to_string(StoryStatus::in_review), "in_review");
    EXPECT_EQ(parse_story_status("in review"), std::nullopt);
    EXPECT_EQ(parse_story_status("PUBLISHED"), std::nullopt);
}

TEST(Enums, BodyFormatRoundTrips) {
    EXPECT_EQ(parse_body_format(to_string(BodyFormat::markdown)), BodyFormat::markdown);
    EXPECT_EQ(parse_body_format(to_string(BodyFormat::html)), BodyFormat::html);
    EXPECT_EQ(parse_body_format("md"), std::nullopt);
}

TEST(Enums, AuthorKindRoundTrips) {
    EXPECT_EQ(parse_author_kind(to_string(AuthorKind::person)), AuthorKind::person);
    EXPECT_EQ(parse_author_kind(to_string(AuthorKind::desk)), AuthorKind::desk);
    EXPECT_STREQ(to_string(AuthorKind::desk), "desk");
    EXPECT_EQ(parse_author_kind("team"), std::nullopt);
}

TEST(Enums, RoleRoundTrips) {
    for (auto role : {Role::owner, Role::admin, Role::editor, Role::author, Role::contributor}) {
        EXPECT_EQ(parse_role(to_string(role)), role) << to_string(role);
    }
    EXPECT_STREQ(to_string(Role::contributor), "contributor");
    EXPECT_EQ(parse_role("root"), std::nullopt);
    EXPECT_EQ(parse_role("Admin"), std::nullopt);
}

}  // namespace
}  // namespace dateline

// The content pipeline resolving [related], [gallery] and internal links
// against a real SQLite store, as a save in the newsroom does.
#include "admin/store_content_context.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "content/body.h"

namespace dateline {
namespace {

namespace fs = std::filesystem;

class StoreContentContextTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("dateline-ctx-" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        StoreOptions options;
        options.sqlite_path = dir_ / "t.db";
        store_ = std::move(open_store(options)).value();
        section_ = store_->sections().create(Section{0, "politics", "Politics", "", {}, 0}).value();
        Story s;
        s.slug = "budget-vote";
        s.headline = "Budget vote passes";
        s.section_id = section_;
        s.status = StoryStatus::published;
        s.published_at = Timestamp{std::chrono::seconds{1000}};
        story_ = store_->stories().create(s).value();
        MediaAsset m;
        m.path = "2026/11/harbour.jpg";
        m.mime = "image/jpeg";
        m.width = 800;
        m.height = 450;
        m.alt = "The harbour at dawn";
        image_ = store_->media().create(m).value();
    }
    void TearDown() override {
        store_.reset();
        fs::remove_all(dir_);
    }
    fs::path dir_;
    std::unique_ptr<Store> store_;
    int64_t section_ = 0, story_ = 0, image_ = 0;
};

TEST_F(StoreContentContextTest, RelatedGalleryAndInternalLinksResolve) {
    StoreContentContext context(*store_, "https://news.example");
    std::string source =
        "[related id=" + std::to_string(story_) + "]\n\n[gallery ids=\"" + std::to_string(image_) +
        "\"]\n\nSee [the vote](https://news.example/x/old-" + std::to_string(story_) + ").\n";
    auto body = render_body(BodyFormat::markdown, source, &context);
    EXPECT_NE(body.html.find("/politics/budget-vote-" + std::to_string(story_)), std::string::npos)
        << body.html;
    EXPECT_NE(body.html.find("Budget vote passes"), std::string::npos) << body.html;
    EXPECT_NE(body.html.find("/media/2026/11/harbour.jpg"), std::string::npos) << body.html;
    EXPECT_NE(body.html.find("The harbour at dawn"), std::string::npos) << body.html;
    EXPECT_EQ(body.html.find("[related"), std::string::npos);
    EXPECT_EQ(body.html.find("[gallery"), std::string::npos);
}

TEST_F(StoreContentContextTest, UnknownIdsAndDraftsDoNotResolve) {
    StoreContentContext context(*store_, "");
    EXPECT_FALSE(context.image(9999));
    EXPECT_FALSE(context.story(9999));
    Story draft;
    draft.slug = "draft";
    draft.headline = "Not yet";
    draft.section_id = section_;
    auto id = store_->stories().create(draft).value();
    EXPECT_FALSE(context.story(id)) << "a draft is not linked from published copy";
    auto related = context.story(story_);
    ASSERT_TRUE(related);
    EXPECT_EQ(related->url, "/politics/budget-vote-" + std::to_string(story_));
}

}  // namespace
}  // namespace dateline

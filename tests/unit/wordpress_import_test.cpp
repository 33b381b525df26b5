// The WordPress import into a real SQLite file: the theme unit test export
// becomes stories, pages, sections, tags, authors and redirects; importing
// it again adds nothing; a broken export stores nothing; what an editor
// made before is never changed.
#include "import/wordpress_import.h"

#include <gtest/gtest.h>

#include <fstream>

#include "content_test_support.h"
#include "model/slug.h"
#include "sqlite_store_fixture.h"
#include "util/files.h"

namespace dateline {
namespace {

class WordPressImportTest : public SqliteStoreTest {
  protected:
    Result<WordPressImportReport> import(const fs::path& file, bool dry_run = false) {
        WordPressImportOptions options;
        options.dry_run = dry_run;
        return import_wordpress(store(), file, options, clock_);
    }
    WordPressImportReport must_import(const fs::path& file) {
        auto r = import(file);
        if (!r) throw std::runtime_error("import: " + r.error().message);
        return *r;
    }
    std::optional<int64_t> imported_id(const std::string& kind, int64_t post_id) {
        for (const auto& item : store().imports().imported(kSource))
            if (item.kind == kind && item.source_id == std::to_string(post_id))
                return item.target_id;
        return std::nullopt;
    }
    fs::path write(const std::string& name, const std::string& text) {
        auto path = dir_ / name;
        std::ofstream(path, std::ios::binary) << text;
        return path;
    }

    static constexpr const char* kSource = "wordpress:https://wpthemetestdata.wordpress.com";
    ManualClock clock_{kT0};
    fs::path export_ = testing::wordpress_export();
};

TEST_F(WordPressImportTest, TheThemeUnitTestExportBecomesASite) {
    ASSERT_TRUE(fs::exists(export_)) << export_;
    auto r = must_import(export_);
    EXPECT_EQ(r.source, kSource);
    EXPECT_EQ(r.stories, 58);  // 55 published, 1 password-protected, 1 draft, 1 scheduled
    EXPECT_EQ(r.pages, 21);
    EXPECT_EQ(r.authors, 2);
    EXPECT_GE(r.sections, 60);
    EXPECT_GE(r.tags, 100);
    EXPECT_EQ(r.skipped["attachments (an export has no media files)"], 37);
    EXPECT_EQ(r.skipped["menu items"], 70);
    EXPECT_TRUE(r.search_deferred);
    EXPECT_EQ(store().stories().count(), 58);
    EXPECT_EQ(static_cast<int64_t>(store().pages().list().size()), 21);

    // A post: its first category is the section, the others and its tags
    // are tags, its date is WordPress's GMT date, its body went through the
    // pipeline (autop paragraphs, no comment markers).
    auto id = imported_id("story", 358);
    ASSERT_TRUE(id);
    auto page = store().stories().published_page(*id);
    ASSERT_TRUE(page);
    EXPECT_EQ(page->story.headline, "Post Format: Standard");
    EXPECT_EQ(page->story.slug, "post-format-standard");
    EXPECT_EQ(page->section.slug, "classic");
    EXPECT_EQ(page->section.name, "Classic");
    EXPECT_EQ(page->story.body_format, BodyFormat::html);
    EXPECT_EQ(format_iso8601(*page->story.published_at), "2010-10-05T07:27:25Z");
    ASSERT_EQ(page->authors.size(), 1u);
    EXPECT_EQ(page->authors[0].slug, "themedemos");
    EXPECT_EQ(page->authors[0].name, "Theme Buster");
    std::vector<std::string> tags;
    for (const auto& t : page->tags)
        tags.push_back(t.slug);
    std::sort(tags.begin(), tags.end());
    EXPECT_EQ(tags, (std::vector<std::string>{"post-formats", "readability", "standard-2"}));
    EXPECT_EQ(page->story.body_html.rfind("<p>All children, except one, grow up.", 0), 0u)
        << page->story.body_html.substr(0, 200);
    EXPECT_EQ(page->story.body_html.find("<!--"), std::string::npos);
    EXPECT_GT(page->story.word_count, 800);

    // The old permalink answers with the new address.
    auto redirect = store().redirects().find("/2010/10/05/post-format-standard");
    ASSERT_TRUE(redirect);
    EXPECT_EQ(redirect->status, 301);
    EXPECT_EQ(redirect->to_path, story_path("classic", "post-format-standard", *id));
    auto category = store().redirects().find("/category/parent/child-1/child-2");
    ASSERT_TRUE(category);
    EXPECT_EQ(category->to_path, "/child-2");
    auto child = store().sections().by_slug("child-2");
    ASSERT_TRUE(child && child->parent_id);
    EXPECT_EQ(store().sections().by_id(*child->parent_id)->slug, "child-1");

    // Status by status.
    auto status_of = [&](int64_t post_id) {
        return store().stories().by_id(*imported_id("story", post_id))->status;
    };
    EXPECT_EQ(status_of(1164), StoryStatus::draft);        // "Draft" (wp:status draft)
    EXPECT_EQ(status_of(1153), StoryStatus::scheduled);    // "Scheduled" (future)
    EXPECT_EQ(status_of(1168), StoryStatus::unpublished);  // password-protected

    // Pages are HTML static pages at their slug, reached from the old address.
    auto about = store().pages().by_slug("about");
    ASSERT_TRUE(about);
    EXPECT_EQ(about->body_format, BodyFormat::html);
    EXPECT_NE(about->body_html.find("<p>"), std::string::npos);
}

TEST_F(WordPressImportTest, ImportingTheSameExportAgainAddsNothing) {
    auto first = must_import(export_);
    auto redirects = store().redirects().page(ListQuery{{}, {}, 500, 0});
    ASSERT_TRUE(redirects);
    auto second = must_import(export_);
    EXPECT_EQ(second.stories, 0);
    EXPECT_EQ(second.pages, 0);
    EXPECT_EQ(second.sections, 0);
    EXPECT_EQ(second.tags, 0);
    EXPECT_EQ(second.authors, 0);
    EXPECT_EQ(second.redirects, 0);
    EXPECT_EQ(second.already_imported, first.stories + first.pages);
    EXPECT_EQ(store().stories().count(), first.stories);
    EXPECT_EQ(store().redirects().page(ListQuery{{}, {}, 500, 0})->total, redirects->total);
}

TEST_F(WordPressImportTest, ADryRunStoresNothing) {
    auto r = import(export_, true);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->stories, 58);
    EXPECT_EQ(store().stories().count(), 0);
    EXPECT_TRUE(store().sections().list().empty());
    EXPECT_TRUE(store().imports().imported(kSource).empty());
    EXPECT_FALSE(store().redirects().find("/2010/10/05/post-format-standard"));
}

TEST_F(WordPressImportTest, ABrokenExportStoresNothingAndNamesTheLine) {
    int64_t politics = section("politics");
    create(published(politics, "kept", kT0));
    auto whole = read_file(export_);
    ASSERT_TRUE(whole);
    // Cut in the middle of the items: well-formed up to there.
    auto broken = write("broken.xml", whole->substr(0, whole->size() * 2 / 3));
    auto r = import(broken);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, ErrorKind::invalid);
    EXPECT_NE(r.error().message.find("line "), std::string::npos) << r.error().message;
    EXPECT_EQ(store().stories().count(), 1);
    EXPECT_EQ(store().sections().list().size(), 1u);
    EXPECT_TRUE(store().tags().list().empty());
    EXPECT_TRUE(store().imports().imported(kSource).empty());
    // And the site still searches: the deferred index was rebuilt.
    EXPECT_EQ(store().search().indexed_count(), 1);
}

TEST_F(WordPressImportTest, WhatTheSiteHadIsKept) {
    int64_t news = section("classic");
    StaticPage about;
    about.slug = "about";
    about.title = "About the Ledger";
    about.body_source = "Ours.";
    about.body_html = "<p>Ours.</p>";
    about.updated_at = kT0;
    must(store().pages().create(about), "page");
    ASSERT_TRUE(store().redirects().put(
        Redirect{"/2010/10/05/post-format-standard", "/elsewhere", 302, 0}));
    auto r = must_import(export_);

    auto ours = store().pages().by_slug("about");
    ASSERT_TRUE(ours);
    EXPECT_EQ(ours->title, "About the Ledger");
    EXPECT_EQ(ours->body_html, "<p>Ours.</p>");
    auto theirs = store().pages().by_slug("about-2");
    ASSERT_TRUE(theirs);
    EXPECT_EQ(theirs->title, "About The Tests");
    auto kept = store().redirects().find("/2010/10/05/post-format-standard");
    ASSERT_TRUE(kept);
    EXPECT_EQ(kept->to_path, "/elsewhere");
    EXPECT_EQ(kept->status, 302);
    // The existing section of that slug is reused, not duplicated.
    EXPECT_EQ(store().sections().by_slug("classic")->id, news);
    bool noted = false;
    for (const auto& n : r.notes)
        noted = noted || n.find("/2010/10/05/post-format-standard") != std::string::npos;
    EXPECT_TRUE(noted);
}

TEST_F(WordPressImportTest, PostsWithoutTitleCategoryOrDateStillImport) {
    auto file = write(
        "small.xml",
        "<?xml version=\"1.0\"?><rss xmlns:wp=\"http://wordpress.org/export/1.2/\" "
        "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
        "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel>"
        "<link>http://old.example/</link><wp:wxr_version>1.2</wp:wxr_version>"
        "<item><title></title><link>http://old.example/?p=5</link>"
        "<dc:creator>ed</dc:creator><wp:post_id>5</wp:post_id>"
        "<content:encoded><![CDATA[First words of a post\n\nSecond "
        "paragraph]]></content:encoded>"
        "<wp:post_date_gmt>0000-00-00 00:00:00</wp:post_date_gmt>"
        "<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>"
        "<category domain=\"post_tag\" nicename=\"%e6%97%a5%e6%9c%ac\"><![CDATA[日本]]></category>"
        "</item>"
        "<item><title>Gone</title><wp:post_id>6</wp:post_id>"
        "<wp:status>trash</wp:status><wp:post_type>post</wp:post_type></item>"
        "</channel></rss>");
    auto r = import(file);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->source, "wordpress:http://old.example");
    EXPECT_EQ(r->stories, 1);
    EXPECT_EQ(r->skipped["posts (trash)"], 1);
    auto story = store().stories().by_id(1);
    ASSERT_TRUE(story);
    EXPECT_EQ(story->headline, "First words of a post Second paragraph");
    EXPECT_EQ(story->status, StoryStatus::published);
    EXPECT_EQ(*story->published_at, kT0);  // no date: the time of the import
    auto section = store().sections().by_id(story->section_id);
    EXPECT_EQ(section->slug, "uncategorized");
    EXPECT_EQ(section->name, "Uncategorized");
    ASSERT_EQ(story->tag_ids.size(), 1u);
    auto tag = store().tags().by_id(story->tag_ids[0]);
    EXPECT_EQ(tag->name, "日本");
    EXPECT_TRUE(is_valid_slug(tag->slug)) << tag->slug;
    EXPECT_EQ(tag->slug.rfind("tag-", 0), 0u) << tag->slug;
    EXPECT_EQ(store().authors().list().at(0).slug, "ed");
    EXPECT_EQ(r->redirects, 1);  // the tag archive /tag/%e6%97%a5%e6%9c%ac, not the ?p= link
}

TEST_F(WordPressImportTest, ABadDefaultSectionIsRefused) {
    WordPressImportOptions options;
    options.default_section = "Not A Slug";
    auto r = import_wordpress(store(), export_, options, clock_);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().field, "section");
    EXPECT_EQ(store().stories().count(), 0);
}

}  // namespace
}  // namespace dateline

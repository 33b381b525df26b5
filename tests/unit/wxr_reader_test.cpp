// The WXR reader on the WordPress theme unit test export and on broken or
// foreign files: what it hands over, and the line of what is wrong.
#include "import/wxr_reader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <map>

#include "content_test_support.h"

namespace dateline {
namespace {

namespace fs = std::filesystem;

class Collect final : public WxrVisitor {
  public:
    Status site(const WxrSite& s) override {
        ++sites;
        this->s = s;
        return {};
    }
    Status author(const WxrAuthor& a) override {
        authors.push_back(a);
        return {};
    }
    Status term(const WxrTerm& t) override {
        (t.taxonomy == WxrTerm::Taxonomy::category ? categories : tags).push_back(t);
        return {};
    }
    Status item(WxrItem&& i) override {
        ++by_type[i.type];
        items.push_back(std::move(i));
        return {};
    }
    int sites = 0;
    WxrSite s;
    std::vector<WxrAuthor> authors;
    std::vector<WxrTerm> categories, tags;
    std::vector<WxrItem> items;
    std::map<std::string, int> by_type;
};

class TempFile {
  public:
    explicit TempFile(const std::string& text)
        : path_(fs::temp_directory_path() / ("dateline-wxr-" + std::to_string(::getpid()) + "-" +
                                             std::to_string(++count_) + ".xml")) {
        std::ofstream(path_, std::ios::binary) << text;
    }
    ~TempFile() {
        std::error_code ec;
        fs::remove(path_, ec);
    }
    const fs::path& path() const { return path_; }

  private:
    static inline int count_ = 0;
    fs::path path_;
};

const char* kHead =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<rss version=\"2.0\" xmlns:excerpt=\"http://wordpress.org/export/1.1/excerpt/\" "
    "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
    "xmlns:wp=\"http://wordpress.org/export/1.1/\">\n<channel>\n"
    "<title>Old Site</title>\n<link>http://old.example</link>\n";

TEST(WxrReader, ReadsTheThemeUnitTestExport) {
    auto file = testing::wordpress_export();
    ASSERT_TRUE(fs::exists(file)) << file;
    Collect c;
    auto st = read_wxr(file, c);
    ASSERT_TRUE(st.ok()) << st.error().message;
    EXPECT_EQ(c.sites, 1);
    EXPECT_EQ(c.s.wxr_version, "1.2");
    EXPECT_EQ(c.s.title, "Theme Unit Test Data");
    EXPECT_EQ(c.s.link, "https://wpthemetestdata.wordpress.com");
    ASSERT_EQ(c.authors.size(), 2u);
    EXPECT_EQ(c.authors[1].login, "themereviewteam");
    EXPECT_EQ(c.authors[1].display_name, "Theme Reviewer");
    EXPECT_EQ(c.categories.size(), 69u);  // 68 <wp:category> and one <wp:term> (6.1 twice)
    EXPECT_EQ(c.tags.size(), 110u);
    EXPECT_EQ(c.by_type["post"], 58);
    EXPECT_EQ(c.by_type["page"], 21);
    EXPECT_EQ(c.by_type["attachment"], 37);
    EXPECT_EQ(c.by_type["nav_menu_item"], 70);

    const WxrItem* standard = nullptr;
    for (const auto& i : c.items)
        if (i.post_id == 358) standard = &i;
    ASSERT_NE(standard, nullptr);
    EXPECT_EQ(standard->title, "Post Format: Standard");
    EXPECT_EQ(standard->post_name, "post-format-standard");
    EXPECT_EQ(standard->status, "publish");
    EXPECT_EQ(standard->post_date_gmt, "2010-10-05 07:27:25");
    EXPECT_EQ(standard->creator, "themedemos");
    EXPECT_NE(standard->content.find("All children, except one, grow up."), std::string::npos);
    EXPECT_NE(standard->content.find("<!--more-->"), std::string::npos);
    ASSERT_EQ(standard->terms.size(), 5u);
    EXPECT_EQ(standard->terms[0].domain, "category");
    EXPECT_EQ(standard->terms[0].slug, "classic");
    EXPECT_EQ(standard->terms[0].name, "Classic");
    EXPECT_GT(standard->line, 7800);

    bool sub_has_parent = false;
    for (const auto& t : c.categories)
        if (t.slug == "sub") sub_has_parent = t.parent_slug == "aciform";
    EXPECT_TRUE(sub_has_parent);
}

TEST(WxrReader, ReadsPostmetaStickyAndOlderNamespaces) {
    TempFile f(std::string(kHead) +
               "<wp:wxr_version>1.1</wp:wxr_version>\n"
               "<item><title>A &amp; B</title><wp:post_id>7</wp:post_id>"
               "<wp:post_type>post</wp:post_type><wp:is_sticky>1</wp:is_sticky>"
               "<excerpt:encoded><![CDATA[Short <b>one</b>]]></excerpt:encoded>"
               "<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key>"
               "<wp:meta_value><![CDATA[12]]></wp:meta_value></wp:postmeta>"
               "<wp:comment><wp:comment_content>hi</wp:comment_content></wp:comment>"
               "</item></channel></rss>");
    Collect c;
    auto st = read_wxr(f.path(), c);
    ASSERT_TRUE(st.ok()) << st.error().message;
    ASSERT_EQ(c.items.size(), 1u);
    const auto& i = c.items[0];
    EXPECT_EQ(i.title, "A & B");
    EXPECT_TRUE(i.sticky);
    EXPECT_EQ(i.excerpt, "Short <b>one</b>");
    ASSERT_EQ(i.meta.size(), 1u);
    EXPECT_EQ(i.meta[0].first, "_thumbnail_id");
    EXPECT_EQ(i.meta[0].second, "12");
    EXPECT_TRUE(i.content.empty());  // the comment's text is not the body
}

TEST(WxrReader, MalformedXmlNamesTheLine) {
    TempFile f(std::string(kHead) +
               "<wp:wxr_version>1.2</wp:wxr_version>\n<item><title>One</title></item>\n"
               "<item><title>Two</titel></item>\n</channel></rss>");
    Collect c;
    auto st = read_wxr(f.path(), c);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().kind, ErrorKind::invalid);
    EXPECT_NE(st.error().message.find("line 8"), std::string::npos) << st.error().message;
    EXPECT_NE(st.error().message.find("not a readable WordPress export"), std::string::npos);
}

TEST(WxrReader, AFileThatIsNotAnExportIsRefused) {
    {
        TempFile f("<html><body>hello</body></html>");
        Collect c;
        auto st = read_wxr(f.path(), c);
        ASSERT_FALSE(st.ok());
        EXPECT_NE(st.error().message.find("the document is <html>"), std::string::npos)
            << st.error().message;
    }
    {
        // A plain RSS feed: items but no wp:wxr_version.
        TempFile f(std::string(kHead) + "<item><title>News</title></item></channel></rss>");
        Collect c;
        auto st = read_wxr(f.path(), c);
        ASSERT_FALSE(st.ok());
        EXPECT_NE(st.error().message.find("no <wp:wxr_version>"), std::string::npos)
            << st.error().message;
        EXPECT_TRUE(c.items.empty());
    }
    {
        TempFile f(std::string(kHead) +
                   "<wp:wxr_version>9.0</wp:wxr_version><item/></channel></rss>");
        Collect c;
        auto st = read_wxr(f.path(), c);
        ASSERT_FALSE(st.ok());
        EXPECT_NE(st.error().message.find("WXR version 9.0 is not supported"), std::string::npos)
            << st.error().message;
    }
    {
        Collect c;
        auto st = read_wxr("/nonexistent/export.xml", c);
        ASSERT_FALSE(st.ok());
        EXPECT_EQ(st.error().kind, ErrorKind::io);
    }
}

TEST(WxrReader, AFieldPastTheLimitIsRefused) {
    std::string body(kMaxWxrFieldBytes + 10, 'x');
    TempFile f(std::string(kHead) + "<wp:wxr_version>1.2</wp:wxr_version><item><content:encoded>" +
               body + "</content:encoded></item></channel></rss>");
    Collect c;
    auto st = read_wxr(f.path(), c);
    ASSERT_FALSE(st.ok());
    EXPECT_NE(st.error().message.find("<encoded> is longer than 4 MB"), std::string::npos)
        << st.error().message;
}

TEST(WxrReader, EntitiesAreNotExpandedFromOutside) {
    TempFile f(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>\n"
        "<rss xmlns:wp=\"http://wordpress.org/export/1.2/\" "
        "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>"
        "<wp:wxr_version>1.2</wp:wxr_version><item><wp:post_id>1</wp:post_id>"
        "<content:encoded>before &secret; after</content:encoded></item></channel></rss>");
    Collect c;
    auto st = read_wxr(f.path(), c);
    ASSERT_TRUE(st.ok()) << st.error().message;
    ASSERT_EQ(c.items.size(), 1u);
    EXPECT_EQ(c.items[0].content.find("root:"), std::string::npos) << c.items[0].content;
}

}  // namespace
}  // namespace dateline

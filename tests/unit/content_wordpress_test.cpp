// Every post and page body of the WordPress theme unit test export goes
// through the pipeline with no shortcode left raw, nothing unsafe, and
// well-formed output.
#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include <regex>

#include "content/body.h"
#include "content_safety.h"
#include "content_test_support.h"

namespace dateline {
namespace {

const std::string kExport = testing::wordpress_export().string();

struct Post {
    std::string title;
    std::string body;
};

std::vector<Post> read_export(const std::string& path) {
    std::vector<Post> posts;
    xmlDocPtr doc = xmlReadFile(path.c_str(), nullptr, XML_PARSE_NONET | XML_PARSE_NOCDATA);
    if (!doc) return posts;
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    xmlXPathRegisterNs(ctx, BAD_CAST "content",
                       BAD_CAST "http://purl.org/rss/1.0/modules/content/");
    xmlXPathObjectPtr items = xmlXPathEvalExpression(BAD_CAST "//item", ctx);
    if (items && items->nodesetval) {
        for (int i = 0; i < items->nodesetval->nodeNr; ++i) {
            Post post;
            for (xmlNodePtr c = items->nodesetval->nodeTab[i]->children; c; c = c->next) {
                if (c->type != XML_ELEMENT_NODE) continue;
                std::string name = reinterpret_cast<const char*>(c->name);
                bool is_content =
                    name == "encoded" && c->ns &&
                    std::string(reinterpret_cast<const char*>(c->ns->prefix)) == "content";
                if (name != "title" && !is_content) continue;
                xmlChar* text = xmlNodeGetContent(c);
                std::string value = text ? reinterpret_cast<const char*>(text) : "";
                xmlFree(text);
                if (name == "title")
                    post.title = value;
                else
                    post.body = value;
            }
            posts.push_back(std::move(post));
        }
    }
    xmlXPathFreeObject(items);
    xmlXPathFreeContext(ctx);
    xmlFreeDoc(doc);
    return posts;
}

TEST(WordPressExport, EveryBodyRendersWithoutRawShortcodes) {
    ASSERT_TRUE(std::filesystem::exists(kExport)) << "no WordPress export at " << kExport;
    auto posts = read_export(kExport);
    ASSERT_GT(posts.size(), 100u);
    testing::FakeContentContext context;
    // What a leaked shortcode looks like: [name ...] or [/name] of a shortcode.
    std::regex raw(
        R"(\[/?(caption|wp_caption|gallery|embed|audio|video|playlist|pullquote|factbox|related)[\s\]/])");
    int bodies = 0, shortcodes = 0;
    for (const auto& post : posts) {
        if (post.body.empty()) continue;
        ++bodies;
        if (std::regex_search(post.body, raw)) ++shortcodes;
        for (const ContentContext* ctx : {static_cast<const ContentContext*>(&context),
                                          static_cast<const ContentContext*>(nullptr)}) {
            RenderedBody body = render_body(BodyFormat::html, post.body, ctx);
            EXPECT_FALSE(std::regex_search(body.html, raw)) << post.title << "\n"
                                                            << body.html.substr(0, 2000);
            auto problems = testing::unsafe_parts(body.html);
            EXPECT_TRUE(problems.empty()) << post.title << ": " << problems[0];
            EXPECT_TRUE(testing::well_formed(body.html)) << post.title;
        }
    }
    EXPECT_GT(bodies, 50);
    EXPECT_GE(shortcodes, 8);  // the export's caption and gallery posts were seen
}

TEST(WordPressExport, CaptionsBecomeFigures) {
    ASSERT_TRUE(std::filesystem::exists(kExport)) << kExport;
    int figures = 0;
    for (const auto& post : read_export(kExport)) {
        if (post.body.find("[caption") == std::string::npos) continue;
        RenderedBody body = render_body(BodyFormat::html, post.body, nullptr);
        EXPECT_NE(body.html.find("<figure class=\"caption"), std::string::npos) << post.title;
        EXPECT_NE(body.html.find("<figcaption>"), std::string::npos) << post.title;
        ++figures;
    }
    EXPECT_GE(figures, 3);
}

}  // namespace
}  // namespace dateline

// The Mustache engine: variables, escaping, sections, inverted sections,
// dotted names through the context stack, standalone lines and errors.
#include "render/template.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace dateline {
namespace {

std::string render(std::string_view source, const View& view) {
    auto t = Template::compile(source);
    EXPECT_TRUE(t.ok()) << (t.ok() ? "" : t.error().message);
    return t.ok() ? t->render(view) : "";
}

TEST(Template, VariablesAreEscapedUnlessTripleOrAmpersand) {
    View v;
    v.set("x", "<b>\"Tom\" & 'Jerry'</b>");
    EXPECT_EQ(render("{{x}}", v), "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;");
    EXPECT_EQ(render("{{{x}}}", v), "<b>\"Tom\" & 'Jerry'</b>");
    EXPECT_EQ(render("{{& x}}", v), "<b>\"Tom\" & 'Jerry'</b>");
    EXPECT_EQ(render("[{{missing}}]", v), "[]");
}

TEST(Template, SectionsIterateListsAndEnterObjects) {
    View v;
    View items = view_list();
    for (const char* name : {"a", "b", "c"}) {
        View item;
        item.set("name", name);
        items.push_back(std::move(item));
    }
    v.set("items", std::move(items));
    View person;
    person.set("name", "Ada");
    v.set("person", std::move(person));
    EXPECT_EQ(render("{{#items}}<{{name}}>{{/items}}", v), "<a><b><c>");
    EXPECT_EQ(render("{{#person}}{{name}}{{/person}}", v), "Ada");
    EXPECT_EQ(render("{{person.name}}", v), "Ada");
    EXPECT_EQ(render("{{#items}}{{person.name}}{{/items}}", v), "AdaAdaAda");
}

TEST(Template, FalseEmptyListsAndEmptyStringsAreFalse) {
    View v;
    v.set("no", false);
    v.set("yes", true);
    v.set("empty", view_list());
    v.set("blank", "");
    v.set("word", "hi");
    EXPECT_EQ(render("{{#no}}x{{/no}}{{^no}}N{{/no}}", v), "N");
    EXPECT_EQ(render("{{#yes}}Y{{/yes}}{{^yes}}x{{/yes}}", v), "Y");
    EXPECT_EQ(render("{{#empty}}x{{/empty}}{{^empty}}E{{/empty}}", v), "E");
    EXPECT_EQ(render("{{#blank}}x{{/blank}}{{^blank}}B{{/blank}}", v), "B");
    EXPECT_EQ(render("{{#word}}[{{.}}]{{/word}}", v), "[hi]");
    EXPECT_EQ(render("{{^missing}}M{{/missing}}", v), "M");
}

TEST(Template, InnerNamesShadowOuterOnesAndFallBackToThem) {
    View v;
    v.set("title", "outer");
    View inner;
    inner.set("title", "inner");
    v.set("box", std::move(inner));
    View bare;
    v.set("bare", std::move(bare));
    EXPECT_EQ(render("{{#box}}{{title}}{{/box}}", v), "inner");
    EXPECT_EQ(render("{{#bare}}{{title}}{{/bare}}", v), "outer");
}

TEST(Template, SetReplacesAnExistingMember) {
    View v;
    v.set("a", "1");
    v.set("a", "2");
    EXPECT_EQ(render("{{a}}", v), "2");
}

TEST(Template, StandaloneTagsTakeTheirLine) {
    View v;
    v.set("show", true);
    EXPECT_EQ(render("<ul>\n  {{#show}}\n  <li>x</li>\n  {{/show}}\n</ul>\n", v),
              "<ul>\n  <li>x</li>\n</ul>\n");
    EXPECT_EQ(render("a\n{{! a comment }}\nb", v), "a\nb");
    // Tags sharing a line with text keep the line.
    EXPECT_EQ(render("a {{#show}}b{{/show}} c\n", v), "a b c\n");
}

TEST(Template, SyntaxErrorsNameTheLine) {
    auto unclosed = Template::compile("one\ntwo {{#open}}\nthree");
    ASSERT_FALSE(unclosed.ok());
    EXPECT_NE(unclosed.error().message.find("line 2"), std::string::npos);
    EXPECT_NE(unclosed.error().message.find("'open' is never closed"), std::string::npos);
    auto mismatched = Template::compile("{{#a}}{{/b}}");
    ASSERT_FALSE(mismatched.ok());
    EXPECT_NE(mismatched.error().message.find("closed by 'b'"), std::string::npos);
    EXPECT_FALSE(Template::compile("{{/a}}").ok());
    EXPECT_FALSE(Template::compile("{{name").ok());
    EXPECT_FALSE(Template::compile("{{=<% %>=}}").ok());
    EXPECT_FALSE(Template::compile("{{> partial}}").ok());
    EXPECT_FALSE(Template::compile("{{}}").ok());
}

TEST(Template, RendersTheSameFromManyThreadsAtOnce) {
    auto t = Template::compile("{{#items}}{{.}},{{/items}}");
    ASSERT_TRUE(t.ok());
    View v;
    View items = view_list();
    for (int i = 0; i < 100; ++i)
        items.push_back(View(std::to_string(i)));
    v.set("items", std::move(items));
    std::string expected = t->render(v);
    std::vector<std::thread> threads;
    std::atomic<int> mismatches{0};
    for (int i = 0; i < 4; ++i)
        threads.emplace_back([&] {
            for (int k = 0; k < 200; ++k)
                if (t->render(v) != expected) ++mismatches;
        });
    for (auto& th : threads)
        th.join();
    EXPECT_EQ(mismatches.load(), 0);
}

}  // namespace
}  // namespace dateline

// Snippets and headlines with matches: escaped first, marked after.
#include <gtest/gtest.h>

#include "search/highlight.h"
#include "store/search_index.h"

namespace dateline::search {
namespace {

std::string marked(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c == '[') c = kMatchStart;
        if (c == ']') c = kMatchEnd;
    }
    return out;
}

TEST(Highlight, MarksMatchesAfterEscapingTheText) {
    EXPECT_EQ(marked_to_html(marked("the [harbour] & <b>[plan]</b>")),
              "the <mark>harbour</mark> &amp; &lt;b&gt;<mark>plan</mark>&lt;/b&gt;");
}

TEST(Highlight, ScriptInTheTextStaysText) {
    EXPECT_EQ(marked_to_html(marked("[<script>]alert(\"x\")")),
              "<mark>&lt;script&gt;</mark>alert(&quot;x&quot;)");
}

TEST(Highlight, MarkersAreAlwaysBalanced) {
    EXPECT_EQ(marked_to_html(marked("[open")), "<mark>open</mark>");
    EXPECT_EQ(marked_to_html(marked("close] [[twice]]")), "close <mark>twice</mark>");
}

}  // namespace
}  // namespace dateline::search

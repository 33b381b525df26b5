// The search query parser: what a reader types, well-formed or not, becomes
// a safe FTS5 expression (every term quoted) with notes on what changed.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "search/query_parser.h"

namespace dateline::search {
namespace {

TEST(QueryParser, WordsBecomeQuotedTermsThatAreAllRequired) {
    auto q = parse_query("  Harbour   Expansion ");
    ASSERT_EQ(q.terms.size(), 2u);
    EXPECT_EQ(q.terms[0].text, "harbour");
    EXPECT_EQ(q.match, "\"harbour\" \"expansion\"");
    EXPECT_EQ(q.any_match, "\"harbour\" OR \"expansion\"");
    EXPECT_EQ(q.normalized, "harbour expansion");
    EXPECT_TRUE(q.notes.empty());
}

TEST(QueryParser, QuotedWordsArePhrases) {
    auto q = parse_query("budget \"flood  defence spending\"");
    ASSERT_EQ(q.terms.size(), 2u);
    EXPECT_TRUE(q.terms[1].phrase);
    EXPECT_EQ(q.terms[1].text, "flood defence spending");
    EXPECT_EQ(q.match, "\"budget\" \"flood defence spending\"");
    EXPECT_EQ(q.normalized, "budget \"flood defence spending\"");
}

TEST(QueryParser, TrailingStarIsAPrefixSearch) {
    auto q = parse_query("fund** rail");
    ASSERT_EQ(q.terms.size(), 2u);
    EXPECT_TRUE(q.terms[0].prefix);
    EXPECT_EQ(q.terms[0].text, "fund");
    EXPECT_EQ(q.match, "\"fund\" * \"rail\"");
    EXPECT_EQ(q.normalized, "fund* rail");
}

TEST(QueryParser, APrefixWithWordsNamesThemEachAPhrase) {
    auto q = parse_query("rail fund* port*");
    q.terms[1].words = {{"fund", false}, {"fundament", false}, {"fundraisers", true}};
    q.terms[2].words = {{"port", false}};
    build_match(q);
    EXPECT_EQ(q.match,
              "\"rail\" AND (\"fund\" OR \"fundament\" OR \"fundraisers\" *) AND \"port\"");
    EXPECT_EQ(q.any_match,
              "\"rail\" OR (\"fund\" OR \"fundament\" OR \"fundraisers\" *) OR \"port\"");
    EXPECT_EQ(q.phrases, (std::vector<std::string>{"\"rail\"", "\"fund\"", "\"fundament\"",
                                                   "\"fundraisers\" *", "\"port\""}));
    EXPECT_EQ(q.normalized, "rail fund* port*") << "the reader's words are shown as typed";
    q.terms[1].words.clear();
    q.terms[2].words.clear();
    build_match(q);
    EXPECT_EQ(q.match, "\"rail\" \"fund\" * \"port\" *");
}

TEST(QueryParser, PrefixOfFewerThanThreeLettersIsSearchedAsAWordWithANote) {
    for (const char* input : {"a*", "ab*"}) {
        auto q = parse_query(input);
        ASSERT_EQ(q.terms.size(), 1u);
        EXPECT_FALSE(q.terms[0].prefix) << input;
        EXPECT_EQ(q.match, "\"" + std::string(input, std::strlen(input) - 1) + "\"");
        ASSERT_EQ(q.notes.size(), 1u);
    }
    EXPECT_TRUE(parse_query("abc*").terms[0].prefix);
}

TEST(QueryParser, StarOrQuoteAloneGivesNoTerms) {
    for (const char* input : {"*", "\"", "\"\"", "***", "(((", " - ", ""}) {
        auto q = parse_query(input);
        EXPECT_TRUE(q.empty()) << input;
        EXPECT_EQ(q.match, "") << input;
    }
}

TEST(QueryParser, UnbalancedQuoteMakesTheRestAPhraseWithANote) {
    auto q = parse_query("budget \"harbour expansion");
    ASSERT_EQ(q.terms.size(), 2u);
    EXPECT_TRUE(q.terms[1].phrase);
    EXPECT_EQ(q.terms[1].text, "harbour expansion");
    EXPECT_EQ(q.notes.size(), 1u);
}

TEST(QueryParser, OperatorsColumnFiltersAndNearAreOnlyWords) {
    // Quoted, AND/OR/NOT are plain tokens and body: is no column filter.
    EXPECT_EQ(parse_query("AND OR NOT").match, "\"and\" \"or\" \"not\"");
    EXPECT_EQ(parse_query("body:budget").match, "\"body:budget\"");
    EXPECT_EQ(parse_query("NEAR(rail fares, 2)").match, "\"near(rail\" \"fares,\" \"2)\"");
    EXPECT_EQ(parse_query("{headline}: ^rail").match, "\"{headline}:\" \"^rail\"");
}

TEST(QueryParser, QuotesInsideTermsCannotEscapeTheString) {
    // A quote always ends a term, so no term holds one; the match has
    // exactly two quotes per term.
    auto q = parse_query("a\"b\" OR \"c");
    for (const auto& t : q.terms)
        EXPECT_EQ(t.text.find('"'), std::string::npos);
    size_t quotes = 0;
    for (char c : q.match)
        quotes += c == '"';
    EXPECT_EQ(quotes, 2 * q.terms.size());
}

TEST(QueryParser, ControlCharactersAndInvalidUtf8BecomeSpaces) {
    auto q =
        parse_query(std::string("rail\x01\x7f"
                                "fares\xff\xfe\xc0\xaf"
                                "budget\0x",
                                23));
    ASSERT_EQ(q.terms.size(), 4u);
    EXPECT_EQ(q.normalized, "rail fares budget x");
}

TEST(QueryParser, UnicodeIsKeptAndOnlyAsciiIsLowerCased) {
    auto q = parse_query("École Ünïcode 東京 café*");
    ASSERT_EQ(q.terms.size(), 4u);
    EXPECT_EQ(q.terms[0].text, "École");
    EXPECT_EQ(q.terms[2].text, "東京");
    EXPECT_TRUE(q.terms[3].prefix);
    EXPECT_EQ(q.terms[3].text, "café");
}

TEST(QueryParser, PunctuationOnlyTermsAreDropped) {
    auto q = parse_query("rail -- ... ?! fares");
    EXPECT_EQ(q.normalized, "rail fares");
}

TEST(QueryParser, RepeatedTermsCountOnce) {
    EXPECT_EQ(parse_query("rail Rail RAIL").terms.size(), 1u);
}

TEST(QueryParser, LongInputIsCutAtACharacterBoundaryWithANote) {
    std::string input;
    while (input.size() < 10 * 1024)
        input += "é";  // two bytes each: a cut in the middle would be invalid
    auto q = parse_query(input);
    ASSERT_EQ(q.terms.size(), 1u);
    EXPECT_LE(q.terms[0].text.size(), kMaxQueryBytes);
    EXPECT_EQ(q.terms[0].text.size() % 2, 0u);
    ASSERT_EQ(q.notes.size(), 1u);
    EXPECT_NE(q.notes[0].find("shortened"), std::string::npos);
}

TEST(QueryParser, TermsPastTheLimitAreDroppedWithANote) {
    std::string input;
    for (int i = 0; i < 40; ++i)
        input += "w" + std::to_string(i) + " ";  // short: the input is not cut
    auto q = parse_query(input);
    EXPECT_EQ(q.terms.size(), kMaxTerms);
    ASSERT_EQ(q.notes.size(), 1u);
    EXPECT_NE(q.notes[0].find(std::to_string(kMaxTerms)), std::string::npos);
}

TEST(QueryParser, CleanQueryTextKeepsValidTextAndCutsAtABoundary) {
    EXPECT_EQ(clean_query_text("rail fares", 100), "rail fares");
    EXPECT_EQ(clean_query_text("ab\xe6\x9d\xb1", 4), "ab");    // the 3-byte character does not fit
    EXPECT_EQ(clean_query_text("\xed\xa0\x80x", 10), "   x");  // a surrogate is invalid
}

}  // namespace
}  // namespace dateline::search

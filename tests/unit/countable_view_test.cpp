// Which served answers count as a reader's view of a story.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "http/response.h"
#include "site/countable_view.h"

namespace dateline {
namespace {

using Headers = std::map<std::string, std::string>;  // names lower-case

std::string_view lookup(const void* raw, std::string_view name) {
    const auto& h = *static_cast<const Headers*>(raw);
    std::string lower;
    for (char c : name)
        lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto it = h.find(lower);
    return it == h.end() ? std::string_view() : std::string_view(it->second);
}

constexpr std::string_view kFirefox =
    "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0";

http::Request story_get(const Headers& headers, std::string_view agent = kFirefox) {
    http::Request r;
    r.method = http::Method::get;
    r.path = "/world/harbour-strike-42";
    r.user_agent = agent;
    r.raw_headers = &headers;
    r.lookup_header = &lookup;
    return r;
}

std::shared_ptr<const http::PreparedResponse> page(int status = 200) {
    http::Response r;
    r.status = status;
    r.body = "<p>story</p>";
    return http::prepare(r);
}

TEST(NonReaderAgents, BotsToolsAndEmptyAgentsAreNotReaders) {
    for (std::string_view agent : {
             "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
             "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
             "Mozilla/5.0 (compatible; YandexBot/3.0)",
             "Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 HeadlessChrome/120.0 Safari/537.36",
             "facebookexternalhit/1.1",
             "curl/8.4.0",
             "Wget/1.21",
             "python-requests/2.31",
             "Go-http-client/1.1",
             "Some Spider 1.0",
             "",
             "   ",
         })
        EXPECT_TRUE(is_non_reader_agent(agent)) << agent;
    for (std::string_view agent : std::initializer_list<std::string_view>{
             kFirefox,
             "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
             "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1",
             "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
             "Chrome/120.0.0.0 Safari/537.36",
         })
        EXPECT_FALSE(is_non_reader_agent(agent)) << agent;
}

TEST(StoryIdOfPath, OnlyStoryPagesHaveOne) {
    EXPECT_EQ(story_id_of_path("/world/harbour-strike-42"), 42);
    EXPECT_EQ(story_id_of_path("/world"), std::nullopt);
    EXPECT_EQ(story_id_of_path("/"), std::nullopt);
    EXPECT_EQ(story_id_of_path("/tag/g-20"), std::nullopt);
    EXPECT_EQ(story_id_of_path("/author/jo-2"), std::nullopt);
    EXPECT_EQ(story_id_of_path("/media/photo-3"), std::nullopt);
    EXPECT_EQ(story_id_of_path("/world/feed.xml"), std::nullopt);
    EXPECT_EQ(story_id_of_path("/world/a/b-4"), std::nullopt);
    EXPECT_EQ(story_id_of_path("/world/"), std::nullopt);
}

TEST(CountableStoryView, AReaderGettingAStoryCounts) {
    Headers none;
    EXPECT_EQ(countable_story_view(story_get(none), *page()), 42);
}

TEST(CountableStoryView, HeadNotModifiedErrorsBotsAndPrefetchesDoNot) {
    Headers none;
    auto ok = page();
    auto head = story_get(none);
    head.method = http::Method::head;
    EXPECT_EQ(countable_story_view(head, *ok), std::nullopt);

    auto conditional = story_get(none);
    conditional.if_none_match = ok->etag;
    EXPECT_EQ(countable_story_view(conditional, *ok), std::nullopt);
    conditional.if_none_match = "\"something-else\"";
    EXPECT_EQ(countable_story_view(conditional, *ok), 42);

    EXPECT_EQ(countable_story_view(story_get(none), *page(404)), std::nullopt);
    EXPECT_EQ(countable_story_view(story_get(none, "Googlebot/2.1"), *ok), std::nullopt);

    for (const auto& [name, value] :
         std::vector<std::pair<std::string, std::string>>{{"sec-purpose", "prefetch"},
                                                          {"sec-purpose", "prefetch;prerender"},
                                                          {"purpose", "Prefetch"},
                                                          {"x-moz", "prefetch"}}) {
        Headers h{{name, value}};
        EXPECT_EQ(countable_story_view(story_get(h), *ok), std::nullopt) << name << ": " << value;
    }
}

}  // namespace
}  // namespace dateline

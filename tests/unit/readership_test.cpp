// Readership without a database: decay weights, Trending topics, Related
// ranking, and the in-memory view counter.
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "model/readership.h"
#include "model/related.h"
#include "site/view_counter.h"

namespace dateline {
namespace {

TEST(DecayWeights, HalveEveryHalfLifeAcrossTheWindow) {
    auto w = decay_weights(1000, 6, 48);
    ASSERT_EQ(w.size(), 48u);
    EXPECT_EQ(w.front().hour, 1000);
    EXPECT_DOUBLE_EQ(w.front().weight, 1.0);
    EXPECT_EQ(w[6].hour, 994);
    EXPECT_DOUBLE_EQ(w[6].weight, 0.5);
    EXPECT_DOUBLE_EQ(w[12].weight, 0.25);
    EXPECT_EQ(w.back().hour, 953);
    for (size_t i = 1; i < w.size(); ++i)
        EXPECT_LT(w[i].weight, w[i - 1].weight);
}

TEST(DecayWeights, NonsenseSettingsGiveNoWeights) {
    EXPECT_TRUE(decay_weights(1000, 0, 48).empty());
    EXPECT_TRUE(decay_weights(1000, 6, 0).empty());
}

TEST(HourOf, CountsWholeHoursSinceTheEpoch) {
    EXPECT_EQ(hour_of(Timestamp{std::chrono::seconds{0}}), 0);
    EXPECT_EQ(hour_of(Timestamp{std::chrono::seconds{3599}}), 0);
    EXPECT_EQ(hour_of(Timestamp{std::chrono::seconds{3600}}), 1);
    EXPECT_EQ(hour_of(Timestamp{std::chrono::seconds{-1}}), -1);
}

TEST(TrendingTags, TagsScoreTheSumOfTheirStories) {
    Tag harbour{1, "harbour", "Harbour", ""};
    Tag budget{2, "budget", "Budget", ""};
    Tag rain{3, "rain", "Rain", ""};
    std::vector<Ranked> stories{{10, 5.0}, {11, 4.0}, {12, 3.0}};
    std::vector<StoryTag> links{{10, budget},
                                {11, harbour},
                                {12, harbour},
                                {12, rain},
                                {99, rain}};  // 99 is not ranked: counts nothing
    auto top = rank_trending_tags(stories, links, 2);
    ASSERT_EQ(top.size(), 2u);
    EXPECT_EQ(top[0].slug, "harbour");  // 4 + 3
    EXPECT_EQ(top[1].slug, "budget");   // 5
    EXPECT_TRUE(rank_trending_tags({}, links, 5).empty());
}

TEST(TrendingTags, EqualScoresKeepTagOrderStable) {
    std::vector<Ranked> stories{{10, 1.0}};
    std::vector<StoryTag> links{{10, Tag{7, "b", "B", ""}}, {10, Tag{3, "a", "A", ""}}};
    auto top = rank_trending_tags(stories, links, 5);
    ASSERT_EQ(top.size(), 2u);
    EXPECT_EQ(top[0].id, 3);
}

TEST(SignificantWords, DropsCommonAndShortWordsAndRepeats) {
    EXPECT_EQ(significant_words("The Harbour strike: talks on the harbour, at last"),
              (std::vector<std::string>{"harbour", "strike", "talks"}));
    EXPECT_EQ(significant_words("Café owners protest"),
              (std::vector<std::string>{"café", "owners", "protest"}));
    EXPECT_TRUE(significant_words("").empty());
}

TEST(TagWeight, RareTagsWeighMore) {
    EXPECT_GT(tag_weight(2, 10000), tag_weight(50, 10000));
    EXPECT_GT(tag_weight(50, 10000), tag_weight(10000, 10000));
    EXPECT_EQ(tag_weight(0, 10000), 0);
}

TEST(RankRelated, ScoresTagsAndWordsAndBreaksTiesByRecency) {
    constexpr Timestamp t{std::chrono::seconds{1700000000}};
    RelatedInputs in;
    in.headline = "Harbour strike enters third week";
    in.frequency_cap = 1000;
    in.tags = {{1, 5}, {2, 900}};
    in.candidates = {
        {20, t, "Parliament sits late", {2}},
        {21, t + std::chrono::hours(1), "Parliament sits again", {2}},
        {22, t - std::chrono::hours(5), "Ferries stop", {1}},
        {23, t - std::chrono::hours(9), "Harbour strike talks fail", {2}},
        {24, t, "Excluded", {1, 2}},
    };
    auto ranked = rank_related(in, {24}, 10);
    EXPECT_EQ(ranked, (std::vector<int64_t>{22, 23, 21, 20}));
    EXPECT_EQ(rank_related(in, {24}, 2).size(), 2u);
}

TEST(ViewCounter, CountsFromManyThreadsAndHandsEachViewOutOnce) {
    ViewCounter counter(4);
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < 1000; ++i)
                counter.add(i % 2 == 0 ? 42 : 7);
        });
    for (auto& t : threads)
        t.join();
    auto counts = counter.take();
    EXPECT_EQ(counts[42], 4000);
    EXPECT_EQ(counts[7], 4000);
    EXPECT_TRUE(counter.take().empty());
}

TEST(ViewCounter, RestoredCountsComeBackWithTheNewOnes) {
    ViewCounter counter;
    counter.add(1, 5);
    auto taken = counter.take();
    counter.add(1);
    counter.restore(taken);
    EXPECT_EQ(counter.take()[1], 6);
}

}  // namespace
}  // namespace dateline

#include "site/rails_cache.h"

#include <algorithm>

#include "model/dependencies.h"
#include "render/page_cache.h"
#include "store/store.h"

namespace dateline {

std::shared_ptr<const RailLists> RailsCache::get(Timestamp now,
                                                 const std::vector<int64_t>& most_read_ids,
                                                 const Loader& load) {
    uint64_t generation;
    {
        std::lock_guard lock(mutex_);
        if (lists_ && (!lists_->valid_until || now < *lists_->valid_until) &&
            lists_->most_read_ids == most_read_ids)
            return lists_;
        generation = generation_;
    }
    auto lists = std::make_shared<const RailLists>(load());
    std::lock_guard lock(mutex_);
    if (generation == generation_) lists_ = lists;
    return lists;
}

void RailsCache::invalidate(const std::vector<std::string>& keys) {
    std::lock_guard lock(mutex_);
    ++generation_;
    if (!lists_) return;
    const auto& deps = lists_->dependencies;
    for (const auto& key : keys)
        if (key == kEverything || std::find(deps.begin(), deps.end(), key) != deps.end()) {
            lists_.reset();
            return;
        }
}

namespace {

// Latest News shows six; the seventh stands in when a page leaves its own story out.
constexpr int kLatestRead = 7;
constexpr int kShortsRead = 4;

std::vector<std::string> dependencies_of(const RailLists& lists) {
    std::vector<std::string> keys{std::string(deps::kLatest), std::string(deps::kShorts),
                                  std::string(deps::kMostRead),
                                  deps::collection(kTopStoriesCollection)};
    auto add = [&keys](std::string key) {
        if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(std::move(key));
    };
    for (const auto* list : {&lists.latest, &lists.top_stories, &lists.most_read})
        for (const auto& card : *list) {
            const StorySummary& s = *card.story;
            add(deps::story(s.id));
            add(deps::section(s.section.slug));
            for (const auto& a : s.authors)
                add(deps::author(a.slug));
            if (s.hero) add(deps::media(s.hero->id));
        }
    for (const auto& s : lists.shorts) {
        if (s.story_id) add(deps::story(*s.story_id));
        if (s.hero_media_id) add(deps::media(*s.hero_media_id));
    }
    return keys;
}

}  // namespace

RailLists read_rail_lists(const RailSources& from, const std::vector<int64_t>& most_read_ids,
                          Timestamp now) {
    auto cards = [&](const std::vector<int64_t>& ids) {
        return from.cards.cards(
            ids, from.style, from.cards_ticket,
            [&](const std::vector<int64_t>& missing) {
                return from.store.stories().summaries(missing);
            },
            from.make_card);
    };
    RailLists lists;
    StoryQuery latest;
    latest.limit = kLatestRead;
    latest.count_total = false;
    lists.latest = cards(from.store.stories().latest_ids(latest).items);
    std::vector<int64_t> top_ids;
    if (auto top = from.store.collections().by_slug(kTopStoriesCollection, now))
        for (const auto& item : top->items) {
            if (top_ids.size() < kTopStoriesRead) top_ids.push_back(item.story_id);
            if (item.expires_at && (!lists.valid_until || *item.expires_at < *lists.valid_until))
                lists.valid_until = item.expires_at;
        }
    lists.top_stories = cards(top_ids);
    lists.shorts = from.store.shorts().latest(kShortsRead);
    lists.most_read_ids = most_read_ids;
    lists.most_read = cards(most_read_ids);
    lists.dependencies = dependencies_of(lists);
    return lists;
}

}  // namespace dateline

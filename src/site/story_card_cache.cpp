#include "site/story_card_cache.h"

#include <algorithm>

#include "render/page_cache.h"
#include "util/strings.h"

namespace dateline {

StoryCardCache::StoryCardCache(size_t capacity) : capacity_(std::max<size_t>(capacity, 1)) {}

uint64_t StoryCardCache::ticket() const {
    std::lock_guard lock(mutex_);
    return generation_;
}

std::vector<StoryCardCache::Card> StoryCardCache::cards(const std::vector<int64_t>& ids,
                                                        const void* style, uint64_t ticket,
                                                        const Reader& read, const Maker& make) {
    std::vector<Card> found(ids.size());
    std::vector<int64_t> missing;
    {
        std::lock_guard lock(mutex_);
        for (size_t i = 0; i < ids.size(); ++i) {
            auto it = entries_.find(ids[i]);
            if (it == entries_.end()) {
                missing.push_back(ids[i]);
                continue;
            }
            recent_.splice(recent_.begin(), recent_, it->second.recent);
            found[i].story = it->second.story;
            for (const auto& [kept_style, view] : it->second.views)
                if (kept_style == style) found[i].view = view;
        }
    }
    // Read and drawn outside the lock; two renders may do the same work.
    std::unordered_map<int64_t, std::shared_ptr<const StorySummary>> read_now;
    if (!missing.empty())
        for (auto& story : read(missing)) {
            int64_t id = story.id;
            read_now[id] = std::make_shared<const StorySummary>(std::move(story));
        }
    std::vector<size_t> made;
    for (size_t i = 0; i < ids.size(); ++i) {
        if (!found[i].story)
            if (auto it = read_now.find(ids[i]); it != read_now.end()) found[i].story = it->second;
        if (found[i].story && !found[i].view) {
            found[i].view = std::make_shared<const View>(make(*found[i].story));
            made.push_back(i);
        }
    }
    if (!made.empty()) {
        std::lock_guard lock(mutex_);
        if (ticket == generation_)
            for (size_t i : made)
                keep_locked(ids[i], found[i].story, style, found[i].view);
    }
    std::vector<Card> out;
    for (auto& card : found)
        if (card.story) out.push_back(std::move(card));
    return out;
}

void StoryCardCache::keep_locked(int64_t id, std::shared_ptr<const StorySummary> story,
                                 const void* style, std::shared_ptr<const View> view) {
    auto it = entries_.find(id);
    if (it == entries_.end()) {
        recent_.push_front(id);
        it = entries_.emplace(id, Entry{std::move(story), {}, recent_.begin()}).first;
    }
    auto& views = it->second.views;
    auto same =
        std::find_if(views.begin(), views.end(), [&](const auto& v) { return v.first == style; });
    if (same == views.end())
        views.emplace_back(style, std::move(view));
    else
        same->second = std::move(view);
    while (entries_.size() > capacity_) {
        entries_.erase(recent_.back());
        recent_.pop_back();
    }
}

void StoryCardCache::invalidate(const std::vector<std::string>& keys) {
    std::lock_guard lock(mutex_);
    ++generation_;
    auto drop = [&](std::unordered_map<int64_t, Entry>::iterator it) {
        recent_.erase(it->second.recent);
        return entries_.erase(it);
    };
    for (const auto& key : keys) {
        std::string_view k = key;
        if (k == kEverything) {
            entries_.clear();
            recent_.clear();
            return;
        }
        if (starts_with(k, "story:")) {
            if (auto id = parse_int(k.substr(6)))
                if (auto it = entries_.find(*id); it != entries_.end()) drop(it);
        } else if (starts_with(k, "media:")) {
            auto id = parse_int(k.substr(6));
            if (!id) continue;
            for (auto it = entries_.begin(); it != entries_.end();)
                it = it->second.story->hero && it->second.story->hero->id == *id ? drop(it)
                                                                                 : std::next(it);
        }
    }
}

size_t StoryCardCache::size() const {
    std::lock_guard lock(mutex_);
    return entries_.size();
}

}  // namespace dateline

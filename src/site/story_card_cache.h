// Story summaries and the cards made from them, kept by story id for the
// pages that list stories (More from the section, Related, section and tag
// listings) until a change touches the story. At a million stories, reading
// and drawing the eight cards around a story was a fifth of its page's
// cache miss; a story's card is the same on every page that shows it.
//
// Thread-safe. Bounded by entries; the least recently used go first.
#pragma once

#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "model/story.h"
#include "render/view.h"

namespace dateline {

class StoryCardCache {
  public:
    explicit StoryCardCache(size_t capacity = 4096);

    struct Card {
        std::shared_ptr<const StorySummary> story;
        std::shared_ptr<const View> view;
    };
    using Reader = std::function<std::vector<StorySummary>(const std::vector<int64_t>& ids)>;
    using Maker = std::function<View(const StorySummary& story)>;

    // Taken before a render opens its read snapshot: what the render reads
    // is kept only when no invalidation came after it.
    uint64_t ticket() const;

    // The cards of the published stories among ids, in that order. Stories
    // not kept are read with read() (which leaves out unpublished ones);
    // cards not kept for this style (any stable address, such as an image
    // placement's) are made with make().
    std::vector<Card> cards(const std::vector<int64_t>& ids, const void* style, uint64_t ticket,
                            const Reader& read, const Maker& make);

    // Drops what the keys touch: "story:N" that story, "media:N" the stories
    // with that hero, kEverything all. Every call also voids the tickets
    // taken before it.
    void invalidate(const std::vector<std::string>& keys);

    size_t size() const;

  private:
    struct Entry {
        std::shared_ptr<const StorySummary> story;
        std::vector<std::pair<const void*, std::shared_ptr<const View>>> views;
        std::list<int64_t>::iterator recent;  // in recent_
    };
    void keep_locked(int64_t id, std::shared_ptr<const StorySummary> story, const void* style,
                     std::shared_ptr<const View> view);

    const size_t capacity_;
    mutable std::mutex mutex_;
    uint64_t generation_ = 0;
    std::unordered_map<int64_t, Entry> entries_;
    std::list<int64_t> recent_;  // most recently used first
};

}  // namespace dateline

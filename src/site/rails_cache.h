// The lists every story, section and listing page shows beside its content
// (Latest News, Top Stories, Impact Shorts, Most Read), read once and shared
// by every render until a change touches them. At a million stories reading
// them was about a fifth of a story page's cache miss.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "model/editorial.h"
#include "model/story.h"
#include "site/story_card_cache.h"
#include "util/clock.h"

namespace dateline {

class Store;

// The editors' collection that leads the home page and fills Top Stories.
inline constexpr std::string_view kTopStoriesCollection = "top-stories";
// How many of the collection's stories the rails and the home page can show.
inline constexpr size_t kTopStoriesRead = 8;

// Story cards come from the shared card cache (site/story_card_cache.h), so
// reading the lists again after a publish reads only the new story.
struct RailLists {
    // One more than a rail shows, so that a story page can leave itself out.
    std::vector<StoryCardCache::Card> latest;
    std::vector<StoryCardCache::Card> top_stories;  // the collection's unexpired items, in order
    std::vector<Short> shorts;
    std::vector<int64_t> most_read_ids;  // the ids the Most Read cards were read for
    std::vector<StoryCardCache::Card> most_read;
    // The earliest time an item of the collection expires: the lists are
    // read again from then on.
    std::optional<Timestamp> valid_until;
    // The dependency keys these lists were built from (docs/caching.md).
    std::vector<std::string> dependencies;
};

class RailsCache {
  public:
    using Loader = std::function<RailLists()>;

    // The lists kept, or those load() reads when none are kept, they have
    // expired at `now`, or Most Read now names other stories. What load()
    // returns is kept unless an invalidation came while it ran.
    std::shared_ptr<const RailLists> get(Timestamp now, const std::vector<int64_t>& most_read_ids,
                                         const Loader& load);

    // Drops the lists when one of the keys is one they were built from (or
    // kEverything). Every call also stops a load in progress from being kept,
    // since the load may have read the state from before the change.
    void invalidate(const std::vector<std::string>& keys);

  private:
    std::mutex mutex_;
    uint64_t generation_ = 0;  // counts invalidations
    std::shared_ptr<const RailLists> lists_;
};

// Reads the lists from the store as they are at `now`, Most Read being the
// cards of these ids. The cards come through `cards` in `style`, with the
// ticket taken before the read's snapshot opened.
struct RailSources {
    Store& store;
    StoryCardCache& cards;
    uint64_t cards_ticket;
    const void* style;
    StoryCardCache::Maker make_card;
};
RailLists read_rail_lists(const RailSources& from, const std::vector<int64_t>& most_read_ids,
                          Timestamp now);

}  // namespace dateline

// Demo content: the original demo site (demo/site.json, written for this
// project), and generated stories in bulk for benchmarks.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <vector>

#include "media/media_storage.h"
#include "store/store.h"
#include "util/clock.h"
#include "util/status.h"

namespace dateline {

// Seeds an empty store with the demo site: sections, shows, events, authors,
// tags, stories with painted hero images (ingested like uploads, with
// renditions at image_widths; empty: the default widths), shorts, Top
// Stories, the Trending strip and the static pages. All of it in one
// transaction; media files written before a failure are removed again.
// invalid when the store is not empty or the file is malformed.
Status seed_demo_site(Store& store, MediaStorage& media, const Clock& clock,
                      const std::filesystem::path& site_json,
                      const std::vector<int>& image_widths = {});

// The hero pictures of a demo site seeded without them, painted meanwhile.
class DemoHeroes {
  public:
    virtual ~DemoHeroes() = default;  // waits for the painting; unused files are removed
    // Waits for the pictures and gives the demo stories their heroes, in
    // one transaction.
    virtual Status finish(Store& store) = 0;
};

// seed_demo_site() for a bulk load: the same site in one transaction, but
// the stories' hero pictures are painted on a thread of their own while
// the load writes, and added by finish(). Until then, or for good if the
// load fails first, the demo stories have no hero picture.
Result<std::unique_ptr<DemoHeroes>> seed_demo_site_heroes_later(
    Store& store, MediaStorage& media, const Clock& clock, const std::filesystem::path& site_json,
    const std::vector<int>& image_widths = {});

struct GeneratedStories {
    int64_t created = 0;
    // Where the time went, for the command's report.
    std::chrono::duration<double> pictures{};
    std::chrono::duration<double> writing{};
    std::chrono::duration<double> indexing{};
    std::chrono::duration<double> statistics{};
};

// Adds count deterministic stories (same count and seed, same stories) over
// the store's sections, authors and tags, published one every few minutes
// back from a fixed date. The store needs at least one section and author.
// Their 12 shared pictures get renditions at image_widths (empty: defaults).
// Heroes given are finished once the stories are written, before the
// search index is rebuilt: updated then, the stories cost the index nothing.
Result<GeneratedStories> generate_stories(Store& store, MediaStorage& media, int64_t count,
                                          uint32_t seed = 1,
                                          const std::vector<int>& image_widths = {},
                                          DemoHeroes* heroes = nullptr);

}  // namespace dateline

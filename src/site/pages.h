// One function per kind of page: each reads what it needs from the store,
// builds the view and renders the theme template, naming the dependency keys
// the page was built from.
#pragma once

#include <optional>
#include <string>

#include "render/page_cache.h"
#include "site/navigation.h"
#include "site/rails_cache.h"
#include "site/site.h"
#include "site/story_card_cache.h"

namespace dateline {

struct SearchForm;
namespace search {
struct SearchResults;
}  // namespace search
struct ImagePlacement;

// What a render shares with the others (Site keeps them).
struct SharedParts {
    std::shared_ptr<const RailLists> rails;  // read for the navigation's Most Read
    StoryCardCache& cards;
    uint64_t cards_ticket;  // taken before the render's read snapshot opened
};

class PageBuilder {
  public:
    PageBuilder(SiteParts& parts, const Navigation& nav, SharedParts shared);

    RenderedPage home();
    // nullopt when no such published story; a redirect (kept out of the
    // cache) when requested_path is not the story's own.
    std::optional<RenderedPage> story(int64_t id, std::string_view requested_path);
    enum class Listing { section, tag, author, show, event };
    // nullopt when the slug is unknown or the page is past the last.
    std::optional<RenderedPage> listing(Listing kind, std::string_view slug, int page);
    std::optional<RenderedPage> static_page(std::string_view slug);
    // The search page (site/search_page.cpp): the form, notes, a page of
    // results, or the most searched queries when there is no query.
    RenderedPage search(const SearchForm& form, const search::SearchResults& results,
                        const std::vector<SearchTermCount>& popular,
                        const std::vector<Author>& authors);
    // The themed 404 page, or 410 for what was removed for good.
    RenderedPage not_found(int status = 404);

  private:
    RenderedPage finish(std::string_view template_name, const View& view,
                        std::vector<std::string> dependencies, int status = 200,
                        std::string cache_control = "public, max-age=60, stale-while-revalidate=30",
                        std::optional<Timestamp> modified = std::nullopt);
    View rails(std::optional<int64_t> exclude_story);
    // The cards of the published stories among ids, in order, through the
    // shared card cache; and a template list of them.
    std::vector<StoryCardCache::Card> cards_of(const std::vector<int64_t>& ids,
                                               const ImagePlacement& placement);
    static View card_list(const std::vector<StoryCardCache::Card>& cards);
    // The Most Read block (most_read, has_most_read) and its dependencies.
    void add_most_read(View& v, std::vector<std::string>& deps);

    SiteParts& parts_;
    const Navigation& nav_;
    SharedParts shared_;
    const RailLists& rails_;
    Timestamp now_;
};

}  // namespace dateline

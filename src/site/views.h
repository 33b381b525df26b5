// Builders of the view models that the theme's templates render.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/editorial.h"
#include "model/site_time.h"
#include "model/story.h"
#include "render/theme.h"
#include "render/view.h"
#include "site/navigation.h"
#include "site/site.h"

namespace dateline {

// What every view builder needs to know; lives for one render.
struct ViewContext {
    const Navigation& nav;
    const Theme& theme;
    const SiteTime& time;
    const SiteInfo& info;
    Timestamp now;
};

// What a page adds to the head beyond title and description: sharing
// (OpenGraph, X cards), feed and oEmbed discovery, JSON-LD blocks.
struct PageMeta {
    std::string og_type = "website";
    std::optional<MediaAsset> image;
    std::vector<std::pair<std::string, std::string>> article;  // ("article:section", "World")
    std::vector<std::pair<std::string, std::string>> feeds;  // (title, site path) of the page's own
    std::string oembed_url;                                  // absolute; empty: none
    std::vector<std::string> json_ld;                        // from json_ld_script()
};

// The frame of every page: site, navigation, assets and the page's metadata.
// current_section: slug of the section to mark in the navigation, if any.
View layout_view(const ViewContext& ctx, std::string_view title, std::string_view description,
                 std::string_view canonical_path, std::string_view current_section = {},
                 const PageMeta& meta = {});

// Where a picture sits on a page: which crop it shows, how wide it is drawn
// (the sizes attribute), the largest rendition worth offering, and whether
// it is above the fold (eager, fetchpriority=high) or not (lazy).
struct ImagePlacement {
    std::string_view crop = "original";
    std::string_view sizes = "100vw";
    int max_width = 0;  // 0: every rendition
    bool eager = false;
};
// Cards: a 16:9 crop, 200px wide beside the text on wide screens.
inline constexpr ImagePlacement kCardImage{"16x9", "(min-width: 720px) 200px, 100vw", 960, false};
// Cards drawn across a column (a section block's first story, More from).
inline constexpr ImagePlacement kWideCardImage{
    "16x9", "(min-width: 1000px) 540px, (min-width: 720px) 60vw, 100vw", 1280, false};
// The home page's lead: 16:9, two thirds of the page, above the fold.
inline constexpr ImagePlacement kLeadImage{"16x9", "(min-width: 1000px) 780px, 100vw", 0, true};
// A story's hero: its own ratio, the width of the story column, above the fold.
inline constexpr ImagePlacement kHeroImage{"original", "(min-width: 1000px) 830px, 100vw", 0, true};

View card_view(const ViewContext& ctx, const StorySummary& story,
               const ImagePlacement& image = kCardImage);
// src, srcset and webp_srcset from the asset's renditions in the placement's
// crop (else its original crop, else the original file), sizes, width and
// height of the shown ratio, alt, caption, credit, eager.
View image_view(const MediaAsset& image, const ImagePlacement& placement);
View short_view(const ViewContext& ctx, const Short& item);
// Page links for a listing at base_path with ?page=N: newer, a window of
// page numbers and older; nothing when there is only one page.
View pagination_view(std::string_view base_path, int page, bool has_older);

std::string absolute_url(const SiteInfo& info, std::string_view path);
std::string section_path(std::string_view slug);

}  // namespace dateline

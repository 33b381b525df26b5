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

View card_view(const ViewContext& ctx, const StorySummary& story);
View cards_view(const ViewContext& ctx, const std::vector<StorySummary>& stories);
View image_view(const MediaAsset& image, bool eager);
View short_view(const ViewContext& ctx, const Short& item);
// Page links for a listing at base_path with ?page=N; none when one page.
View pagination_view(std::string_view base_path, int page, int total_pages);

std::string absolute_url(const SiteInfo& info, std::string_view path);
std::string section_path(std::string_view slug);

}  // namespace dateline

// Builders of the view models that the theme's templates render.
#pragma once

#include <string>
#include <string_view>
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

// The frame of every page: site, navigation, assets and the page's metadata.
// current_section: slug of the section to mark in the navigation, if any.
View layout_view(const ViewContext& ctx, std::string_view title, std::string_view description,
                 std::string_view canonical_path, std::string_view current_section = {});

View card_view(const ViewContext& ctx, const StorySummary& story);
View cards_view(const ViewContext& ctx, const std::vector<StorySummary>& stories);
View image_view(const MediaAsset& image, bool eager);
View short_view(const ViewContext& ctx, const Short& item);
// Page links for a listing at base_path with ?page=N: newer, a window of
// page numbers and older; nothing when there is only one page.
View pagination_view(std::string_view base_path, int page, bool has_older);

std::string absolute_url(const SiteInfo& info, std::string_view path);
std::string section_path(std::string_view slug);

}  // namespace dateline

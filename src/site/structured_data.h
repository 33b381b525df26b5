// schema.org structured data (JSON-LD) for the page head: NewsArticle and
// BreadcrumbList on stories, NewsMediaOrganization and WebSite (with its
// SearchAction) on the home page.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

#include "model/site_time.h"
#include "model/story.h"
#include "site/site.h"

namespace dateline {

// The JSON as it may stand inside <script type="application/ld+json">:
// every '<' escaped, so no "</script>" or "<!--" can end the block.
std::string json_ld_script(const nlohmann::json& data);

struct SizedImage {
    std::string url;  // absolute
    int width = 0;
    int height = 0;
};
// The hero at the three ratios search engines ask for (16:9, 4:3, 1:1).
// Until media renditions exist this is the original image three times;
// this is the one place to switch to the crops.
std::vector<SizedImage> hero_at_ratios(const SiteInfo& info, const MediaAsset& hero);

nlohmann::json organization_ld(const SiteInfo& info, const std::string& logo_url);
nlohmann::json website_ld(const SiteInfo& info);
// Crumbs as (name, absolute URL), outermost first.
nlohmann::json breadcrumb_ld(const std::vector<std::pair<std::string, std::string>>& crumbs);
nlohmann::json news_article_ld(const StoryPage& page, const SiteInfo& info, const SiteTime& time,
                               const std::string& url, const std::string& logo_url);

}  // namespace dateline

#include "site/structured_data.h"

namespace dateline {

using nlohmann::json;

std::string json_ld_script(const json& data) {
    std::string text = data.dump(-1, ' ', false, json::error_handler_t::replace);
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == '<')
            out += "\\u003c";
        else
            out += c;
    }
    return out;
}

std::vector<SizedImage> hero_at_ratios(const SiteInfo& info, const MediaAsset& hero) {
    SizedImage original{info.base_url + "/media/" + hero.path, hero.width, hero.height};
    return {original, original, original};  // 16:9, 4:3, 1:1
}

json organization_ld(const SiteInfo& info, const std::string& logo_url) {
    return {{"@context", "https://schema.org"},
            {"@type", "NewsMediaOrganization"},
            {"@id", info.base_url + "/#organization"},
            {"name", info.title},
            {"url", info.base_url + "/"},
            {"logo", {{"@type", "ImageObject"}, {"url", logo_url}}}};
}

json website_ld(const SiteInfo& info) {
    return {{"@context", "https://schema.org"},
            {"@type", "WebSite"},
            {"@id", info.base_url + "/#website"},
            {"name", info.title},
            {"url", info.base_url + "/"},
            {"inLanguage", info.language},
            {"publisher", {{"@id", info.base_url + "/#organization"}}},
            {"potentialAction",
             {{"@type", "SearchAction"},
              {"target",
               {{"@type", "EntryPoint"},
                {"urlTemplate", info.base_url + "/search?q={search_term_string}"}}},
              {"query-input", "required name=search_term_string"}}}};
}

json breadcrumb_ld(const std::vector<std::pair<std::string, std::string>>& crumbs) {
    json items = json::array();
    int position = 1;
    for (const auto& [name, url] : crumbs)
        items.push_back(
            {{"@type", "ListItem"}, {"position", position++}, {"name", name}, {"item", url}});
    return {{"@context", "https://schema.org"},
            {"@type", "BreadcrumbList"},
            {"itemListElement", items}};
}

json news_article_ld(const StoryPage& page, const SiteInfo& info, const SiteTime& time,
                     const std::string& url, const std::string& logo_url) {
    const Story& s = page.story;
    Timestamp published = s.published_at.value_or(s.created_at);
    Timestamp modified = std::max(published, s.content_updated_at.value_or(published));
    json publisher = {{"@type", "NewsMediaOrganization"},
                      {"name", info.title},
                      {"url", info.base_url + "/"},
                      {"logo", {{"@type", "ImageObject"}, {"url", logo_url}}}};
    json authors = json::array();
    for (const auto& a : page.authors)
        authors.push_back({{"@type", a.kind == AuthorKind::desk ? "Organization" : "Person"},
                           {"name", a.name},
                           {"url", info.base_url + "/author/" + a.slug}});
    if (authors.empty()) authors.push_back(publisher);
    json keywords = json::array();
    for (const auto& t : page.tags)
        keywords.push_back(t.name);
    json article = {{"@context", "https://schema.org"},
                    {"@type", "NewsArticle"},
                    {"mainEntityOfPage", {{"@type", "WebPage"}, {"@id", url}}},
                    {"url", url},
                    {"headline", s.headline},
                    {"description", s.standfirst},
                    {"datePublished", time.iso_local(published)},
                    {"dateModified", time.iso_local(modified)},
                    {"author", authors},
                    {"publisher", publisher},
                    {"articleSection", page.section.name},
                    {"keywords", keywords},
                    {"inLanguage", info.language},
                    {"wordCount", s.word_count},
                    {"isAccessibleForFree", true}};
    if (page.hero) {
        json images = json::array();
        for (const auto& image : hero_at_ratios(info, *page.hero))
            images.push_back({{"@type", "ImageObject"},
                              {"url", image.url},
                              {"width", image.width},
                              {"height", image.height}});
        article["image"] = images;
    }
    return article;
}

}  // namespace dateline

// A theme: Mustache templates (partials inlined at load), settings from
// theme.json, and static assets prepared once with long-lived cache headers.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "http/response.h"
#include "render/template.h"
#include "render/view.h"
#include "util/status.h"

namespace dateline {

struct ThemeSettings {
    std::string name;
    std::vector<int> image_widths{320, 640, 960, 1280};
    int ad_after_paragraph = 3;  // the in-article slot follows this paragraph
    int page_size = 20;          // stories per listing page
    int home_latest = 10;
    int home_section_blocks = 6;
    int home_per_section = 4;
    int shorts_rail = 8;
};

class Theme {
  public:
    // Loads and compiles everything; invalid/io errors name the file at fault.
    static Result<std::shared_ptr<const Theme>> load(const std::filesystem::path& dir);

    const ThemeSettings& settings() const { return settings_; }
    bool has_template(std::string_view name) const;
    // Renders a template by name (file name without ".mustache"). Throws
    // std::out_of_range for an unknown name, std::runtime_error on a render error.
    std::string render(std::string_view name, const View& view) const;

    // "/assets/site.css?v=1a2b3c4d": changes whenever the file does.
    std::string asset_url(std::string_view name) const;
    // The prepared response for an asset, or null. fingerprint: the "v"
    // query value; when it matches, the answer may be cached for a year.
    std::shared_ptr<const http::PreparedResponse> asset(std::string_view name,
                                                        std::string_view fingerprint) const;

  private:
    struct Asset {
        std::string fingerprint;
        std::shared_ptr<const http::PreparedResponse> immutable;   // matching fingerprint
        std::shared_ptr<const http::PreparedResponse> revalidate;  // any other URL
    };
    ThemeSettings settings_;
    std::map<std::string, Template, std::less<>> templates_;
    std::map<std::string, Asset, std::less<>> assets_;
};

// The Content-Type for a file name, by its extension.
std::string content_type_for(std::string_view file_name);

}  // namespace dateline

#include "render/theme.h"

#include <nlohmann/json.hpp>
#include <regex>
#include <stdexcept>

#include "util/files.h"
#include "util/strings.h"

namespace dateline {

namespace fs = std::filesystem;

std::string content_type_for(std::string_view name) {
    auto ext =
        name.substr(name.rfind('.') == std::string_view::npos ? name.size() : name.rfind('.'));
    if (ext == ".css") return "text/css; charset=utf-8";
    if (ext == ".js") return "text/javascript; charset=utf-8";
    if (ext == ".svg") return "image/svg+xml";
    if (ext == ".png") return "image/png";
    if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
    if (ext == ".webp") return "image/webp";
    if (ext == ".gif") return "image/gif";
    if (ext == ".avif") return "image/avif";
    if (ext == ".ico") return "image/x-icon";
    if (ext == ".woff2") return "font/woff2";
    if (ext == ".json") return "application/json";
    if (ext == ".txt") return "text/plain; charset=utf-8";
    return "application/octet-stream";
}

namespace {

Result<ThemeSettings> read_settings(const fs::path& file) {
    auto text = read_file(file);
    if (!text) return text.error();
    ThemeSettings s;
    try {
        auto j = nlohmann::json::parse(*text);
        s.name = j.value("name", "");
        if (j.contains("image_widths")) s.image_widths = j["image_widths"].get<std::vector<int>>();
        s.ad_after_paragraph = j.value("ad_after_paragraph", s.ad_after_paragraph);
        s.page_size = j.value("page_size", s.page_size);
        if (j.contains("home")) {
            const auto& h = j["home"];
            s.home_latest = h.value("latest", s.home_latest);
            s.home_section_blocks = h.value("section_blocks", s.home_section_blocks);
            s.home_per_section = h.value("per_section", s.home_per_section);
            s.shorts_rail = h.value("shorts_rail", s.shorts_rail);
        }
    } catch (const nlohmann::json::exception& e) {
        return Error::invalid("theme.json", file.string() + ": " + e.what());
    }
    if (s.page_size < 1 || s.page_size > 100)
        return Error::invalid("theme.json", file.string() + ": page_size must be from 1 to 100");
    if (s.image_widths.empty())
        return Error::invalid("theme.json",
                              file.string() + ": image_widths must list at least one width");
    return s;
}

// Replaces every {{> name}} with the partial's text, recursively, so that a
// template is parsed once at load instead of its partials at every render.
Result<std::string> inline_partials(std::string text,
                                    const std::map<std::string, std::string>& partials,
                                    const std::string& where, int depth = 0) {
    if (depth > 10) return Error::invalid(where, where + ": partials nest more than 10 deep");
    static const std::regex tag(R"(\{\{>\s*([A-Za-z0-9_\-/]+)\s*\}\})");
    std::string out;
    auto begin = std::sregex_iterator(text.begin(), text.end(), tag);
    size_t last = 0;
    for (auto it = begin; it != std::sregex_iterator(); ++it) {
        const auto& m = *it;
        out.append(text, last, static_cast<size_t>(m.position()) - last);
        auto found = partials.find(m[1].str());
        if (found == partials.end())
            return Error::invalid(where, where + ": unknown partial '" + m[1].str() + "'");
        auto expanded = inline_partials(found->second, partials, where, depth + 1);
        if (!expanded) return expanded.error();
        out += *expanded;
        last = static_cast<size_t>(m.position() + m.length());
    }
    out.append(text, last);
    return out;
}

}  // namespace

Result<std::shared_ptr<const Theme>> Theme::load(const fs::path& dir) {
    if (!fs::is_directory(dir)) return Error::io("theme folder " + dir.string() + " not found");
    auto theme = std::make_shared<Theme>();
    auto settings = read_settings(dir / "theme.json");
    if (!settings) return settings.error();
    theme->settings_ = *settings;

    std::map<std::string, std::string> partials;
    if (fs::is_directory(dir / "partials")) {
        for (const auto& entry : fs::recursive_directory_iterator(dir / "partials")) {
            if (!entry.is_regular_file() || entry.path().extension() != ".mustache") continue;
            auto text = read_file(entry.path());
            if (!text) return text.error();
            auto rel = fs::relative(entry.path(), dir / "partials").replace_extension("");
            partials[rel.generic_string()] = *text;
        }
    }
    if (!fs::is_directory(dir / "templates"))
        return Error::io("theme " + dir.string() + " has no templates folder");
    for (const auto& entry : fs::directory_iterator(dir / "templates")) {
        if (!entry.is_regular_file() || entry.path().extension() != ".mustache") continue;
        auto text = read_file(entry.path());
        if (!text) return text.error();
        std::string where = entry.path().string();
        auto expanded = inline_partials(*text, partials, where);
        if (!expanded) return expanded.error();
        auto compiled = Template::compile(*expanded);
        if (!compiled) return Error::invalid("template", where + ": " + compiled.error().message);
        theme->templates_.emplace(entry.path().stem().string(), std::move(*compiled));
    }

    // Partials are also templates of their own ("partial/header"), so that
    // parts shared by every page can be rendered once and reused.
    for (const auto& [name, text] : partials) {
        std::string where = (dir / "partials" / (name + ".mustache")).string();
        auto expanded = inline_partials(text, partials, where);
        if (!expanded) return expanded.error();
        auto compiled = Template::compile(*expanded);
        if (!compiled) return Error::invalid("template", where + ": " + compiled.error().message);
        theme->templates_.emplace("partial/" + name, std::move(*compiled));
    }

    if (fs::is_directory(dir / "assets")) {
        for (const auto& entry : fs::recursive_directory_iterator(dir / "assets")) {
            if (!entry.is_regular_file()) continue;
            auto bytes = read_file(entry.path());
            if (!bytes) return bytes.error();
            std::string name = fs::relative(entry.path(), dir / "assets").generic_string();
            Asset asset;
            asset.fingerprint = hex64(fnv1a64(*bytes)).substr(0, 10);
            http::Response r;
            r.content_type = content_type_for(name);
            r.body = *bytes;
            r.etag = "\"" + asset.fingerprint + "\"";
            r.cache_control = "public, max-age=31536000, immutable";
            asset.immutable = http::prepare(r);
            r.cache_control = "public, max-age=300";
            asset.revalidate = http::prepare(r);
            theme->assets_.emplace(std::move(name), std::move(asset));
        }
    }
    return std::shared_ptr<const Theme>(std::move(theme));
}

bool Theme::has_template(std::string_view name) const {
    return templates_.count(name) > 0;
}

std::string Theme::render(std::string_view name, const View& view) const {
    auto it = templates_.find(name);
    if (it == templates_.end())
        throw std::out_of_range("theme has no template '" + std::string(name) + "'");
    std::string out;
    out.reserve(48 * 1024);
    it->second.render(view, out);
    return out;
}

std::string Theme::asset_url(std::string_view name) const {
    auto it = assets_.find(name);
    if (it == assets_.end()) return "/assets/" + std::string(name);
    return "/assets/" + std::string(name) + "?v=" + it->second.fingerprint;
}

std::shared_ptr<const http::PreparedResponse> Theme::asset(std::string_view name,
                                                           std::string_view fingerprint) const {
    auto it = assets_.find(name);
    if (it == assets_.end()) return nullptr;
    return fingerprint == it->second.fingerprint ? it->second.immutable : it->second.revalidate;
}

}  // namespace dateline

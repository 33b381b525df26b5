#include "content/shortcodes.h"

#include <algorithm>

#include "content/embeds.h"
#include "content/url.h"
#include "util/strings.h"

namespace dateline {

namespace {

constexpr std::string_view kSupported[] = {"caption",   "wp_caption", "embed",  "gallery",
                                           "pullquote", "factbox",    "related"};
constexpr std::string_view kRecognizedOnly[] = {"audio", "video", "playlist"};

void warn(const ShortcodeEnv& env, size_t offset, std::string message) {
    env.warnings->push_back({offset, 0, 0, std::move(message)});
}

std::vector<int64_t> parse_ids(std::string_view text) {
    std::vector<int64_t> ids;
    for (auto part : split(text, ',')) {
        auto id = parse_int(trim(part));
        if (id && *id > 0) ids.push_back(*id);
    }
    return ids;
}

std::string align_class(std::string_view align) {
    std::string a = to_lower(trim(align));
    if (starts_with(a, "align")) a = a.substr(5);
    if (a == "left" || a == "right" || a == "center" || a == "none") return "align-" + a;
    return {};
}

// Splits caption content the way WordPress does: an <img>, optionally in a
// link, is the picture; what follows is the caption.
bool split_caption(std::string_view content, std::string& media, std::string& caption) {
    std::string lower = to_lower(content);
    size_t img = lower.find("<img");
    if (img == std::string::npos) return false;
    size_t start = img;
    // A link that opens (only whitespace away) before the image belongs to it.
    size_t link = lower.rfind("<a ", img);
    if (link != std::string::npos) {
        size_t link_end = lower.find('>', link);
        if (link_end != std::string::npos && link_end < img &&
            trim(std::string_view(lower).substr(link_end + 1, img - link_end - 1)).empty())
            start = link;
    }
    size_t end = lower.find('>', img);
    if (end == std::string::npos) return false;
    ++end;
    if (start != img) {
        size_t after = end;
        while (after < lower.size() && (lower[after] == ' ' || lower[after] == '\n' ||
                                        lower[after] == '\t' || lower[after] == '\r'))
            ++after;
        if (lower.compare(after, 4, "</a>") == 0) end = after + 4;
    }
    std::string_view before = trim(content.substr(0, start));
    media = std::string(content.substr(start, end - start));
    caption = std::string(trim(content.substr(end)));
    if (!before.empty()) caption = std::string(before) + (caption.empty() ? "" : " ") + caption;
    return true;
}

// Strips one wrapping <p>...</p> that a Markdown rendering adds.
std::string_view unwrap_paragraph(std::string_view html) {
    html = trim(html);
    if (starts_with(html, "<p>") && ends_with(html, "</p>") &&
        html.find("<p>", 3) == std::string_view::npos)
        return html.substr(3, html.size() - 7);
    return html;
}

std::optional<std::string> caption(const ShortcodeToken& tag, std::string_view content,
                                   size_t offset, const ShortcodeEnv& env) {
    std::string media, text;
    if (!split_caption(content, media, text)) {
        // Markdown image syntax: render, then look for the image.
        std::string rendered = env.render_inner(content, offset);
        if (!split_caption(unwrap_paragraph(rendered), media, text)) {
            warn(env, tag.begin, "[" + tag.name + "] without an image removed");
            return std::nullopt;
        }
    }
    if (auto attr = tag.attribute("caption")) text = *attr;  // the old attribute form
    std::string cls = "caption";
    if (auto align = tag.attribute("align"); align && !align_class(*align).empty())
        cls += " " + align_class(*align);
    std::string out = "<figure class=\"" + cls + "\">" + media;
    if (!trim(text).empty()) out += "<figcaption>" + text + "</figcaption>";
    out += "</figure>";
    return out;
}

std::optional<std::string> embed(const ShortcodeToken& tag, std::string_view content,
                                 const ShortcodeEnv& env) {
    std::string url(trim(content));
    if (url.empty()) url = tag.attribute("url").value_or(tag.attribute("").value_or(""));
    if (url.empty()) {
        warn(env, tag.begin, "[embed] without a URL removed");
        return std::nullopt;
    }
    if (auto target = recognize_embed(url)) return embed_card_html(*target);
    auto safe = safe_url(url, UrlUse::link);
    if (!safe || !parse_http_url(*safe)) {
        warn(env, tag.begin, "[embed] with an unusable URL removed");
        return std::nullopt;
    }
    warn(env, tag.begin, "[embed] of an unsupported site shown as a plain link");
    std::string escaped = html_escape(*safe);
    return "<p><a href=\"" + escaped + "\">" + escaped + "</a></p>";
}

std::optional<std::string> gallery(const ShortcodeToken& tag, const ShortcodeEnv& env) {
    auto ids_text = tag.attribute("ids");
    if (!ids_text) ids_text = tag.attribute("include");
    std::vector<int64_t> ids = ids_text ? parse_ids(*ids_text) : std::vector<int64_t>{};
    if (ids.empty()) {
        warn(env, tag.begin, "[gallery] without ids removed (name its images: ids=\"1,2,3\")");
        return std::nullopt;
    }
    if (!env.context) {
        warn(env, tag.begin, "[gallery] removed: no media library to look its images up in");
        return std::nullopt;
    }
    if (ids.size() > kMaxGalleryImages) {
        warn(env, tag.begin,
             "[gallery] shows only its first " + std::to_string(kMaxGalleryImages) + " images");
        ids.resize(kMaxGalleryImages);
    }
    int columns = 3;
    if (auto c = tag.attribute("columns"); c && parse_int(*c))
        columns = static_cast<int>(std::clamp<int64_t>(*parse_int(*c), 1, 9));
    bool link_file = tag.attribute("link").value_or("") == "file";
    std::string items;
    for (int64_t id : ids) {
        auto image = env.context->image(id);
        if (!image) {
            warn(env, tag.begin, "[gallery]: no image with id " + std::to_string(id));
            continue;
        }
        std::string img =
            "<img src=\"" + html_escape(image->url) + "\" alt=\"" + html_escape(image->alt) + "\"";
        if (image->width > 0 && image->height > 0)
            img += " width=\"" + std::to_string(image->width) + "\" height=\"" +
                   std::to_string(image->height) + "\"";
        img += " />";
        if (link_file) img = "<a href=\"" + html_escape(image->url) + "\">" + img + "</a>";
        items += "<figure class=\"gallery-item\">" + img;
        if (!image->caption.empty())
            items += "<figcaption>" + html_escape(image->caption) + "</figcaption>";
        items += "</figure>\n";
    }
    if (items.empty()) {
        warn(env, tag.begin, "[gallery] removed: none of its images exist");
        return std::nullopt;
    }
    return "<div class=\"gallery gallery-columns-" + std::to_string(columns) + "\">\n" + items +
           "</div>";
}

std::optional<std::string> pullquote(const ShortcodeToken& tag, std::string_view content,
                                     size_t offset, const ShortcodeEnv& env) {
    if (trim(content).empty()) {
        warn(env, tag.begin, "empty [pullquote] removed");
        return std::nullopt;
    }
    std::string out = "<figure class=\"pullquote\"><blockquote>" +
                      std::string(trim(env.render_inner(content, offset))) + "</blockquote>";
    auto cite = tag.attribute("cite");
    if (!cite) cite = tag.attribute("by");
    if (cite && !trim(*cite).empty())
        out += "<figcaption class=\"pullquote-cite\">" + html_escape(trim(*cite)) + "</figcaption>";
    return out + "</figure>";
}

std::optional<std::string> factbox(const ShortcodeToken& tag, std::string_view content,
                                   size_t offset, const ShortcodeEnv& env) {
    std::string title = tag.attribute("title").value_or(tag.attribute("").value_or(""));
    if (trim(content).empty() && trim(title).empty()) {
        warn(env, tag.begin, "empty [factbox] removed");
        return std::nullopt;
    }
    std::string out = "<aside class=\"factbox\">";
    if (!trim(title).empty())
        out += "<h3 class=\"factbox-title\">" + html_escape(trim(title)) + "</h3>";
    out += "\n" + std::string(trim(env.render_inner(content, offset))) + "\n</aside>";
    return out;
}

std::optional<std::string> related(const ShortcodeToken& tag, const ShortcodeEnv& env) {
    auto ids_text = tag.attribute("id");
    if (!ids_text) ids_text = tag.attribute("ids");
    if (!ids_text) ids_text = tag.attribute("");
    std::vector<int64_t> ids = ids_text ? parse_ids(*ids_text) : std::vector<int64_t>{};
    if (ids.empty()) {
        warn(env, tag.begin, "[related] without a story id removed");
        return std::nullopt;
    }
    if (!env.context) {
        warn(env, tag.begin, "[related] removed: no stories to look it up in");
        return std::nullopt;
    }
    if (ids.size() > kMaxRelatedStories) ids.resize(kMaxRelatedStories);
    std::vector<StoryRef> stories;
    for (int64_t id : ids) {
        if (auto story = env.context->story(id))
            stories.push_back(std::move(*story));
        else
            warn(env, tag.begin, "[related]: no published story with id " + std::to_string(id));
    }
    if (stories.empty()) return std::nullopt;
    auto link = [](const StoryRef& s) {
        return "<a href=\"" + html_escape(s.url) + "\">" + html_escape(s.headline) + "</a>";
    };
    std::string out = "<aside class=\"related\"><p><span class=\"related-label\">Related:</span> ";
    if (stories.size() == 1) return out + link(stories[0]) + "</p></aside>";
    out += "</p><ul>";
    for (const auto& s : stories)
        out += "<li>" + link(s) + "</li>";
    return out + "</ul></aside>";
}

}  // namespace

bool is_known_shortcode(std::string_view name) {
    for (auto n : kSupported)
        if (n == name) return true;
    for (auto n : kRecognizedOnly)
        if (n == name) return true;
    return false;
}

bool shortcode_encloses(std::string_view name) {
    return name == "caption" || name == "wp_caption" || name == "embed" || name == "pullquote" ||
           name == "factbox" || name == "audio" || name == "video" || name == "playlist";
}

std::optional<std::string> render_shortcode(const ShortcodeToken& tag, std::string_view content,
                                            size_t content_offset, const ShortcodeEnv& env) {
    const std::string& n = tag.name;
    if (n == "caption" || n == "wp_caption") return caption(tag, content, content_offset, env);
    if (n == "embed") return embed(tag, content, env);
    if (n == "gallery") return gallery(tag, env);
    if (n == "pullquote") return pullquote(tag, content, content_offset, env);
    if (n == "factbox") return factbox(tag, content, content_offset, env);
    if (n == "related") return related(tag, env);
    warn(env, tag.begin, "unsupported shortcode [" + n + "] removed");
    return std::nullopt;
}

}  // namespace dateline

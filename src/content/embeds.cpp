#include "content/embeds.h"

#include "content/url.h"
#include "util/strings.h"

namespace dateline {

namespace {

bool id_chars(std::string_view v, size_t min, size_t max, bool digits_only) {
    if (v.size() < min || v.size() > max) return false;
    for (char c : v) {
        bool digit = c >= '0' && c <= '9';
        bool ok = digits_only ? digit
                              : digit || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                    c == '-' || c == '_';
        if (!ok) return false;
    }
    return true;
}

// Path segments without empty ones.
std::vector<std::string_view> segments(std::string_view path) {
    std::vector<std::string_view> out;
    for (auto s : split(path, '/'))
        if (!s.empty()) out.push_back(s);
    return out;
}

bool host_is(std::string_view host, std::string_view domain) {
    return host == domain || (host.size() > domain.size() && ends_with(host, domain) &&
                              host[host.size() - domain.size() - 1] == '.');
}

std::optional<EmbedTarget> youtube(const UrlParts& u) {
    std::string id;
    auto seg = segments(u.path);
    if (u.host == "youtu.be") {
        if (!seg.empty()) id = std::string(seg[0]);
    } else if (host_is(u.host, "youtube.com") || host_is(u.host, "youtube-nocookie.com")) {
        if (seg.size() == 1 && seg[0] == "watch") {
            id = query_value(u.query, "v").value_or("");
        } else if (seg.size() >= 2 &&
                   (seg[0] == "embed" || seg[0] == "shorts" || seg[0] == "live" || seg[0] == "v")) {
            id = std::string(seg[1]);
        }
    } else {
        return std::nullopt;
    }
    if (!id_chars(id, 11, 11, false)) return std::nullopt;
    return EmbedTarget{"youtube", id, "https://www.youtube.com/watch?v=" + id};
}

std::optional<EmbedTarget> x_post(const UrlParts& u) {
    if (!(host_is(u.host, "twitter.com") || host_is(u.host, "x.com"))) return std::nullopt;
    auto seg = segments(u.path);
    if (seg.size() < 3 || (seg[1] != "status" && seg[1] != "statuses")) return std::nullopt;
    if (!id_chars(seg[0], 1, 15, false) || seg[0].find('-') != std::string_view::npos ||
        !id_chars(seg[2], 1, 20, true))
        return std::nullopt;
    std::string user(seg[0]), id(seg[2]);
    return EmbedTarget{"x", id, "https://x.com/" + user + "/status/" + id};
}

std::optional<EmbedTarget> instagram(const UrlParts& u) {
    if (!host_is(u.host, "instagram.com") && u.host != "instagr.am") return std::nullopt;
    auto seg = segments(u.path);
    // /p/CODE/, /reel/CODE/, /tv/CODE/, optionally after a user name.
    for (size_t i = 0; i + 1 < seg.size(); ++i) {
        if (seg[i] == "p" || seg[i] == "reel" || seg[i] == "tv") {
            if (!id_chars(seg[i + 1], 5, 40, false)) return std::nullopt;
            std::string id(seg[i + 1]);
            return EmbedTarget{"instagram", id, "https://www.instagram.com/p/" + id + "/"};
        }
    }
    return std::nullopt;
}

std::optional<EmbedTarget> facebook_video(const UrlParts& u) {
    if (u.host == "fb.watch") {
        auto seg = segments(u.path);
        if (seg.empty() || !id_chars(seg[0], 3, 40, false)) return std::nullopt;
        // A short link: it cannot be resolved offline, so only the link is shown.
        return EmbedTarget{"facebook", "", "https://fb.watch/" + std::string(seg[0]) + "/"};
    }
    if (!host_is(u.host, "facebook.com")) return std::nullopt;
    auto seg = segments(u.path);
    std::string id;
    if ((seg.size() == 1 && (seg[0] == "watch" || seg[0] == "video.php")) ||
        (seg.size() == 2 && seg[0] == "watch" && seg[1] == "live"))
        id = query_value(u.query, "v").value_or("");
    else if (seg.size() >= 3 && seg[1] == "videos")
        id = std::string(seg.back());
    else if (seg.size() >= 2 && (seg[0] == "reel" || seg[0] == "videos"))
        id = std::string(seg[1]);
    if (!id_chars(id, 5, 24, true)) return std::nullopt;
    return EmbedTarget{"facebook", id, "https://www.facebook.com/watch/?v=" + id};
}

struct ProviderText {
    std::string_view name;
    std::string_view action;
};

ProviderText provider_text(std::string_view provider) {
    if (provider == "youtube") return {"YouTube", "Watch the video on YouTube"};
    if (provider == "x") return {"X", "View the post on X"};
    if (provider == "instagram") return {"Instagram", "View the post on Instagram"};
    return {"Facebook", "Watch the video on Facebook"};
}

}  // namespace

std::optional<EmbedTarget> recognize_embed(std::string_view url) {
    auto parts = parse_http_url(url);
    if (!parts) return std::nullopt;
    if (parts->host.starts_with("www.")) parts->host = parts->host.substr(4);
    if (parts->host.starts_with("m.")) parts->host = parts->host.substr(2);
    for (auto* recognize : {youtube, x_post, instagram, facebook_video})
        if (auto target = recognize(*parts)) return target;
    return std::nullopt;
}

std::string embed_card_html(const EmbedTarget& target) {
    ProviderText text = provider_text(target.provider);
    std::string out = "<figure class=\"embed\" data-embed-provider=\"" + target.provider + "\"";
    if (!target.id.empty()) out += " data-embed-id=\"" + target.id + "\"";
    out += "><a class=\"embed-card\" href=\"" + html_escape(target.url) +
           "\"><span class=\"embed-provider\">" + std::string(text.name) +
           "</span> <span class=\"embed-action\">" + std::string(text.action) +
           "</span></a></figure>";
    return out;
}

}  // namespace dateline

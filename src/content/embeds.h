// Privacy-friendly embeds: a provider URL becomes a link card. No request
// goes to the provider until the reader clicks; then the theme's script
// builds the provider's iframe from data-embed-provider and data-embed-id.
// With JavaScript off the card is a plain link.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dateline {

struct EmbedTarget {
    std::string provider;  // "youtube", "x", "instagram", "facebook"
    std::string id;        // [A-Za-z0-9_-]; empty when only a link can be shown
    std::string url;       // canonical link to the content on the provider's site
};

// The embed for a YouTube, X/Twitter, Instagram or Facebook video URL;
// nullopt for any other URL.
std::optional<EmbedTarget> recognize_embed(std::string_view url);

// The link card (a <figure class="embed">) for a recognized embed.
std::string embed_card_html(const EmbedTarget& target);

}  // namespace dateline

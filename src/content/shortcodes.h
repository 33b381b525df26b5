// What each supported shortcode renders to (docs/content.md has the
// reference): caption, embed, gallery, pullquote, factbox, related. The
// output is HTML that still goes through the sanitizer.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "content/context.h"
#include "content/shortcode_parser.h"
#include "content/warning.h"

namespace dateline {

// Limits, set where shortcodes are rendered.
constexpr size_t kMaxGalleryImages = 100;
constexpr size_t kMaxRelatedStories = 10;

struct ShortcodeEnv {
    const ContentContext* context = nullptr;  // may be null: no galleries or related boxes
    ContentWarnings* warnings = nullptr;      // never null
    // Renders nested content (shortcodes included) in the story's format to
    // unsanitized HTML; offset is where content starts in the source.
    std::function<std::string(std::string_view content, size_t offset)> render_inner;
};

// True for the names the pipeline handles itself: the supported shortcodes
// and the WordPress built-ins it recognizes but does not render (audio,
// video, playlist), which are removed with a warning.
bool is_known_shortcode(std::string_view name);

// True when the shortcode takes content up to its [/name].
bool shortcode_encloses(std::string_view name);

// The HTML of a known shortcode, or nullopt when it renders nothing; then a
// warning at the tag's position says why. content is the text between the
// tag and its closer (empty when there is none).
std::optional<std::string> render_shortcode(const ShortcodeToken& tag, std::string_view content,
                                            size_t content_offset, const ShortcodeEnv& env);

}  // namespace dateline

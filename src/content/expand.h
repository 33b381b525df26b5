// The first half of the pipeline: an editor's source to unsanitized HTML.
// Shortcodes and provider URLs on a line of their own are rendered and
// parked behind placeholder tokens while the rest is converted from the
// story's format (Markdown or HTML); then the tokens are replaced.
#pragma once

#include <string>
#include <string_view>

#include "content/context.h"
#include "content/warning.h"
#include "model/story.h"

namespace dateline {

// Limits, set where shortcodes are expanded.
constexpr int kMaxShortcodeDepth = 8;  // nested shortcodes deeper than this are dropped
constexpr size_t kMaxMarkdownHtmlWarnings = 10;

// Unsanitized HTML for source; warnings get offsets into source.
std::string expand_source(std::string_view source, BodyFormat format, const ContentContext* context,
                          ContentWarnings& warnings);

}  // namespace dateline

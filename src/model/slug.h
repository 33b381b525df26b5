// Slugs and the public URL scheme (docs/urls.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dateline {

// Lower-case ASCII letters, digits and single hyphens; accents folded where
// common, other characters dropped. Never empty: "story" when nothing is left.
std::string slugify(std::string_view text, size_t max_length = 80);
bool is_valid_slug(std::string_view slug);

// "/{section}/{slug}-{id}"
std::string story_path(std::string_view section_slug, std::string_view slug, int64_t id);

// The id at the end of a story's last path segment ("budget-vote-42" -> 42).
std::optional<int64_t> story_id_from_segment(std::string_view segment);

}  // namespace dateline

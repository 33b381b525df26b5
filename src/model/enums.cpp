#include <string_view>

#include "model/editorial.h"
#include "model/story.h"
#include "model/taxonomy.h"
#include "model/user.h"

namespace dateline {

namespace {
template <class Enum, size_t N>
std::optional<Enum> parse_enum(std::string_view text, const char* const (&names)[N]) {
    for (size_t i = 0; i < N; ++i)
        if (text == names[i]) return static_cast<Enum>(i);
    return std::nullopt;
}

const char* const kStoryKinds[] = {"news", "explainer", "opinion", "analysis", "live", "video"};
const char* const kStoryStatuses[] = {"draft",     "in_review",   "scheduled",
                                      "published", "unpublished", "archived"};
const char* const kBodyFormats[] = {"markdown", "html"};
const char* const kAuthorKinds[] = {"person", "desk"};
const char* const kRoles[] = {"owner", "admin", "editor", "author", "contributor"};
}  // namespace

const char* to_string(StoryKind kind) {
    return kStoryKinds[static_cast<int>(kind)];
}
std::optional<StoryKind> parse_story_kind(std::string_view text) {
    return parse_enum<StoryKind>(text, kStoryKinds);
}
std::string_view kind_label(StoryKind kind) {
    switch (kind) {
        case StoryKind::news:
            return "";
        case StoryKind::explainer:
            return "Explainer";
        case StoryKind::opinion:
            return "Opinion";
        case StoryKind::analysis:
            return "Analysis";
        case StoryKind::live:
            return "Live";
        case StoryKind::video:
            return "Video";
    }
    return "";
}

const char* to_string(StoryStatus status) {
    return kStoryStatuses[static_cast<int>(status)];
}
std::optional<StoryStatus> parse_story_status(std::string_view text) {
    return parse_enum<StoryStatus>(text, kStoryStatuses);
}

const char* to_string(BodyFormat format) {
    return kBodyFormats[static_cast<int>(format)];
}
std::optional<BodyFormat> parse_body_format(std::string_view text) {
    return parse_enum<BodyFormat>(text, kBodyFormats);
}

const char* to_string(AuthorKind kind) {
    return kAuthorKinds[static_cast<int>(kind)];
}
std::optional<AuthorKind> parse_author_kind(std::string_view text) {
    return parse_enum<AuthorKind>(text, kAuthorKinds);
}

const char* to_string(Role role) {
    return kRoles[static_cast<int>(role)];
}
std::optional<Role> parse_role(std::string_view text) {
    return parse_enum<Role>(text, kRoles);
}

int count_words(std::string_view text) {
    int words = 0;
    bool in_word = false;
    for (char c : text) {
        bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
        if (!space && !in_word) ++words;
        in_word = !space;
    }
    return words;
}

}  // namespace dateline

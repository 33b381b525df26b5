// Sections, authors, tags, shows and event hubs: the ways stories are grouped.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace dateline {

struct Section {
    int64_t id = 0;
    std::string slug;
    std::string name;
    std::string description;
    std::optional<int64_t> parent_id;  // nested sections list under their parent
    int position = 0;                  // order in the navigation
    int64_t version = 0;               // optimistic concurrency, 1 once stored
};

enum class AuthorKind { person, desk };
const char* to_string(AuthorKind kind);
std::optional<AuthorKind> parse_author_kind(std::string_view text);

struct Author {
    int64_t id = 0;
    std::string slug;
    std::string name;
    AuthorKind kind = AuthorKind::person;
    std::string title;  // "Political Editor"
    std::string bio;
    int64_t version = 0;
};

struct Tag {
    int64_t id = 0;
    std::string slug;
    std::string name;
    std::string description;
    int64_t version = 0;
};

struct Show {
    int64_t id = 0;
    std::string slug;
    std::string name;
    std::string description;
    int position = 0;
    int64_t version = 0;
};

struct EventHub {
    int64_t id = 0;
    std::string slug;
    std::string name;
    std::string description;
    int position = 0;
    int64_t version = 0;
};

// A reference to a grouping, as shown next to a story.
struct Ref {
    int64_t id = 0;
    std::string slug;
    std::string name;
};

}  // namespace dateline

#include "site/navigation.h"

namespace dateline {

const Section* Navigation::section_by_id(int64_t id) const {
    for (const auto& s : sections)
        if (s.id == id) return &s;
    return nullptr;
}

const Section* Navigation::section_by_slug(std::string_view slug) const {
    for (const auto& s : sections)
        if (s.slug == slug) return &s;
    return nullptr;
}

std::vector<const Section*> Navigation::top_level() const {
    std::vector<const Section*> out;
    for (const auto& s : sections)
        if (!s.parent_id) out.push_back(&s);
    return out;
}

std::vector<const Section*> Navigation::children_of(int64_t id) const {
    std::vector<const Section*> out;
    for (const auto& s : sections)
        if (s.parent_id && *s.parent_id == id) out.push_back(&s);
    return out;
}

}  // namespace dateline

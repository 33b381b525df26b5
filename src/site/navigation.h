// What the header and footer of every page show; read once and kept until
// something in it changes.
#pragma once

#include <string>
#include <vector>

#include "model/editorial.h"
#include "model/taxonomy.h"

namespace dateline {

struct Navigation {
    std::vector<Section> sections;  // parents before children
    std::vector<Show> shows;
    std::vector<EventHub> events;
    std::vector<Tag> trending;
    std::vector<StaticPage> pages;  // footer links (titles and slugs only)

    const Section* section_by_id(int64_t id) const;
    const Section* section_by_slug(std::string_view slug) const;
    std::vector<const Section*> top_level() const;
    std::vector<const Section*> children_of(int64_t id) const;
};

}  // namespace dateline

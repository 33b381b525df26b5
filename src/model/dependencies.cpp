#include "model/dependencies.h"

#include <date/date.h>

namespace dateline::deps {

std::vector<std::string> touched_by(const StoryPage& p) {
    std::vector<std::string> keys{story(p.story.id), std::string(kLatest), section(p.section.slug)};
    if (p.parent_section) keys.push_back(section(p.parent_section->slug));
    for (const auto& a : p.authors)
        keys.push_back(author(a.slug));
    for (const auto& t : p.tags)
        keys.push_back(tag(t.slug));
    for (const auto& e : p.events)
        keys.push_back(event(e.slug));
    if (p.show) keys.push_back(show(p.show->slug));
    if (p.story.published_at) keys.push_back(month(year_month(*p.story.published_at)));
    return keys;
}

std::string year_month(Timestamp t) {
    return date::format("%Y-%m", t);
}

}  // namespace dateline::deps

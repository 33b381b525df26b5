// What the header and footer of every page show; read once and kept until
// something in it changes.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "model/editorial.h"
#include "model/taxonomy.h"

namespace dateline {

struct Navigation {
    std::vector<Section> sections;  // parents before children
    std::vector<Show> shows;
    std::vector<EventHub> events;
    std::vector<Tag> trending;       // the editors' strip, else the computed topics
    std::vector<int64_t> most_read;  // story ids, most read first
    std::vector<StaticPage> pages;   // footer links (titles and slugs only)

    // The page header and footer rendered once per navigation, day and
    // highlighted section, since every page shows the same ones.
    struct Chrome {
        std::string header;
        std::string footer;
    };
    template <class Render>
    const Chrome& chrome(const std::string& key, const std::string& day, Render render) const {
        std::lock_guard lock(chrome_mutex_);
        if (day != chrome_day_) {
            chrome_.clear();
            chrome_day_ = day;
        }
        auto it = chrome_.find(key);
        if (it == chrome_.end()) it = chrome_.emplace(key, render()).first;
        return it->second;
    }

    const Section* section_by_id(int64_t id) const;
    const Section* section_by_slug(std::string_view slug) const;
    std::vector<const Section*> top_level() const;
    std::vector<const Section*> children_of(int64_t id) const;

  private:
    mutable std::mutex chrome_mutex_;
    mutable std::string chrome_day_;
    mutable std::map<std::string, Chrome> chrome_;  // entries are never removed mid-day
};

}  // namespace dateline

// Per-month counts of published stories (table story_months, migration 7),
// kept in the transaction of every story write so that the sitemap index
// reads a row per month instead of scanning every story.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/story.h"
#include "store/sqlite/database.h"

namespace dateline::sqlite {

// What one published story adds to its month: the month of published_at in
// UTC ("2026-03") and its last change (published_at or content_updated_at).
struct MonthShare {
    std::string month;
    int64_t modified = 0;
    bool operator==(const MonthShare&) const = default;
};

// The story's share as stored now; nullopt unless it is published.
std::optional<MonthShare> month_share(Database& db, int64_t story_id);

// Moves a story's share from before to after (either may be nullopt) in
// story_months. Call inside the story write's transaction, after the write.
void move_month_share(Database& db, const std::optional<MonthShare>& before,
                      const std::optional<MonthShare>& after);

// Every month with published stories, oldest first.
std::vector<MonthCount> read_story_months(Database& db);

}  // namespace dateline::sqlite

// Hourly story views, Most Read and the inputs of Related stories.
#include <algorithm>
#include <unordered_map>

#include "store/sqlite/stores.h"

namespace dateline::sqlite {

namespace {
std::string json_ids(const std::vector<int64_t>& ids) {
    std::string list = "[";
    for (size_t i = 0; i < ids.size(); ++i)
        list += (i ? "," : "") + std::to_string(ids[i]);
    return list + "]";
}
}  // namespace

Status SqliteReadershipStore::add_views(const std::vector<StoryViews>& views) {
    if (views.empty()) return {};
    try {
        TransactionScope tx(pool_);
        Lease lease(pool_);
        for (const auto& v : views) {
            if (v.views <= 0) continue;
            // A story deleted since it was read has nothing left to count.
            Query q(lease.db(),
                    "INSERT INTO story_views (story_id, hour, views) "
                    "SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM stories WHERE id = ?1) "
                    "ON CONFLICT (story_id, hour) DO UPDATE SET views = views + excluded.views");
            q->bind_all(v.story_id, v.hour, v.views);
            q->execute();
        }
        tx.commit();
        return {};
    } catch (const SqliteError& e) {
        return Error::io(std::string("cannot store story views: ") + e.what());
    }
}

int64_t SqliteReadershipStore::total_views(int64_t story_id) {
    Lease lease(pool_);
    Query q(lease.db(), "SELECT COALESCE(sum(views), 0) FROM story_views WHERE story_id = ?");
    q->bind_all(story_id);
    q->step();
    return q->int64(0);
}

std::vector<Ranked> SqliteReadershipStore::most_read(const std::vector<HourWeight>& weights,
                                                     int limit) {
    if (weights.empty() || limit <= 0) return {};
    // The weights travel as a JSON array of [hour, weight] pairs; each hour
    // is one range of the hour index.
    std::string list = "[";
    for (size_t i = 0; i < weights.size(); ++i)
        list += (i ? ",[" : "[") + std::to_string(weights[i].hour) + "," +
                std::to_string(weights[i].weight) + "]";
    list += "]";
    Lease lease(pool_);
    Query q(lease.db(),
            "WITH w(hour, weight) AS (SELECT json_extract(value, '$[0]'), "
            "json_extract(value, '$[1]') FROM json_each(?1)) "
            "SELECT v.story_id, sum(v.views * w.weight) AS score "
            "FROM w CROSS JOIN story_views v ON v.hour = w.hour "
            "JOIN stories s ON s.id = v.story_id AND s.status = 'published' "
            "GROUP BY v.story_id ORDER BY score DESC, v.story_id DESC LIMIT ?2");
    q->bind_all(list, limit);
    std::vector<Ranked> out;
    while (q->step())
        out.push_back({q->int64(0), q->real(1)});
    return out;
}

std::vector<StoryTag> SqliteReadershipStore::tags_of(const std::vector<int64_t>& story_ids) {
    if (story_ids.empty()) return {};
    Lease lease(pool_);
    Query q(lease.db(),
            "SELECT st.story_id, t.id, t.slug, t.name, t.description "
            "FROM json_each(?) j CROSS JOIN story_tags st ON st.story_id = j.value "
            "JOIN tags t ON t.id = st.tag_id ORDER BY st.story_id, st.position");
    q->bind_all(json_ids(story_ids));
    std::vector<StoryTag> out;
    while (q->step())
        out.push_back({q->int64(0), Tag{q->int64(1), q->text(2), q->text(3), q->text(4)}});
    return out;
}

RelatedInputs SqliteReadershipStore::related_inputs(int64_t story_id, int per_tag,
                                                    int64_t frequency_cap) {
    RelatedInputs in;
    in.frequency_cap = frequency_cap;
    Lease lease(pool_);
    {
        Query q(lease.db(), "SELECT headline FROM stories WHERE id = ? AND status = 'published'");
        q->bind_all(story_id);
        if (!q->step()) return in;
        in.headline = q->text(0);
    }
    // The tags' counts are kept by triggers (migration 11).
    {
        Query q(lease.db(),
                "SELECT st.tag_id, t.published_stories FROM story_tags st "
                "JOIN tags t ON t.id = st.tag_id WHERE st.story_id = ? ORDER BY st.position");
        q->bind_all(story_id);
        while (q->step())
            in.tags.push_back({q->int64(0), std::min(q->int64(1), frequency_cap)});
    }
    // Link rows carry published_at only while their story is published, so
    // each of these walks the story_tags_listing index and stops early.
    std::unordered_map<int64_t, size_t> index_of;
    for (const auto& frequency : in.tags) {
        int64_t tag = frequency.tag_id;
        Query newest(lease.db(),
                     "SELECT story_id, published_at FROM story_tags "
                     "WHERE tag_id = ? AND published_at IS NOT NULL AND story_id != ? "
                     "ORDER BY published_at DESC, story_id DESC LIMIT ?");
        newest->bind_all(tag, story_id, per_tag);
        while (newest->step()) {
            int64_t id = newest->int64(0);
            auto [it, fresh] = index_of.emplace(id, in.candidates.size());
            if (fresh) {
                RelatedCandidate c;
                c.story_id = id;
                c.published_at = from_unix(newest->int64(1));
                in.candidates.push_back(std::move(c));
            }
            in.candidates[it->second].shared_tag_ids.push_back(tag);
        }
    }
    if (in.candidates.empty()) return in;
    std::vector<int64_t> ids;
    for (const auto& c : in.candidates)
        ids.push_back(c.story_id);
    Query q(lease.db(),
            "SELECT s.id, s.headline FROM json_each(?) j CROSS JOIN stories s ON s.id = j.value "
            "WHERE s.status = 'published'");
    q->bind_all(json_ids(ids));
    while (q->step())
        in.candidates[index_of[q->int64(0)]].headline = q->text(1);
    return in;
}

}  // namespace dateline::sqlite

#include "store/sqlite/search_stores.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
#include <utility>

#include "store/sqlite/migrations.h"
#include "store/sqlite/prefix_words.h"
#include "store/sqlite/search_rank.h"
#include "store/sqlite/stores.h"

namespace dateline::sqlite {

namespace {

// Snippets: about this many words around the best match.
constexpr int kSnippetTokens = 24;
// Hits whose ids are further apart than this are marked by statements of
// their own (a statement walks the match over the ids between its hits).
constexpr int64_t kSnippetIdGap = 20'000;

// Indexing after a bulk load: stories per transaction, and the page cache
// it uses meanwhile.
constexpr int64_t kIndexBatch = 250'000;
constexpr int kIndexCacheKiB = 256 * 1024;
constexpr int64_t kIndexHashBytes = 512 * 1024 * 1024;

// The index's columns a reader's words are looked for in.
constexpr const char* kTextColumns = "{headline standfirst body_text search_tags search_authors}";

// How many of a phrase's newest matches are counted to estimate how many
// stories hold it (relevance weighs rarer phrases higher).
constexpr int64_t kPhraseSample = 2'000;

// The filters the index cannot apply (author, dates), on the story row `s`
// read through stories_search_filter; bound by bind_filters() in order.
std::string filters_sql(const StorySearch& search) {
    std::string sql;
    if (search.author_id)
        sql +=
            "AND EXISTS (SELECT 1 FROM story_authors a WHERE a.story_id = s.id "
            "AND a.author_id = ?) ";
    if (search.from) sql += "AND s.published_at >= ? ";
    if (search.to) sql += "AND s.published_at < ? ";
    return sql;
}

void bind_filters(Statement& q, int& index, const StorySearch& search) {
    if (search.author_id) q.bind(index++, *search.author_id);
    if (search.from) q.bind(index++, to_unix(*search.from));
    if (search.to) q.bind(index++, to_unix(*search.to));
}

// Date order with filters the index cannot apply, or with few matches: the
// ids of one page and the number of all hits, each match's date read from
// the stories_search_filter index.
std::string dated_page_sql(const StorySearch& search) {
    return "SELECT id, count(*) OVER () FROM (SELECT f.rowid AS id, s.published_at AS published "
           "FROM stories_fts f CROSS JOIN stories s INDEXED BY stories_search_filter "
           "ON s.id = f.rowid WHERE stories_fts MATCH ? " +
           filters_sql(search) + ") ORDER BY published DESC, id DESC LIMIT ? OFFSET ?";
}

// The lowest and highest id in the index (nullopt when it is empty): the
// span stands in for the number of stories, which counting would read all.
std::optional<std::pair<int64_t, int64_t>> index_span(Database& db) {
    // Two subqueries: min() and max() together would scan the table.
    Query span(db,
               "SELECT (SELECT min(id) FROM stories_fts_docsize), "
               "(SELECT max(id) FROM stories_fts_docsize)");
    if (!span->step() || span->is_null(0)) return std::nullopt;
    return std::pair{span->int64(0), span->int64(1)};
}

// Stories holding each phrase, for the rank's weights (FTS5's bm25() would
// walk each phrase's whole list on every query: 40 ms for a word in every
// one of a million stories). Counted among the phrase's newest matches, and
// past kPhraseSample scaled by the share of the index's ids they span. One
// phrase alone needs no count: its weight orders nothing.
std::vector<int64_t> phrase_counts(Database& db, const std::vector<std::string>& phrases) {
    if (phrases.size() < 2) return std::vector<int64_t>(phrases.size(), 1);
    std::vector<int64_t> counts;
    auto span = index_span(db);
    if (!span) return counts;
    auto [lowest, highest] = *span;
    Query q(db,
            "SELECT count(*), min(rowid) FROM (SELECT rowid FROM stories_fts "
            "WHERE stories_fts MATCH ? ORDER BY rowid DESC LIMIT ?)");
    for (const auto& phrase : phrases) {
        q->reset();
        q->bind_all(phrase, kPhraseSample);
        q->step();
        int64_t sampled = q->int64(0);
        if (sampled < kPhraseSample) {
            counts.push_back(sampled);
            continue;
        }
        double share = static_cast<double>(highest - q->int64(1) + 1) /
                       static_cast<double>(highest - lowest + 1);
        counts.push_back(static_cast<int64_t>(static_cast<double>(sampled) / share));
    }
    return counts;
}

// "[1,2,3]": ids for json_each(), so that one statement reads them all.
std::string json_ids(const std::vector<int64_t>& ids) {
    std::string out = "[";
    for (int64_t id : ids) {
        if (out.size() > 1) out += ',';
        out += std::to_string(id);
    }
    return out + "]";
}

struct FoundPage {
    std::vector<int64_t> ids;
    int64_t total = 0;
    bool bounded = false;
};

// Relevance: the newest max_scored matches (all when 0) are ranked as the
// walk of the index reads them, in one statement (a prefix reads the lists
// of every word it begins, once per statement); their dates and filters are
// read from the stories in one more, and the page is sorted here.
FoundPage ranked_page(Database& db, const StorySearch& search, const std::string& match,
                      const std::vector<int64_t>& counts) {
    std::string rank = std::string(kSearchRankFunction) + "(stories_fts, ?, ?, ?, ?, ?, ?";
    for (size_t i = 0; i < counts.size(); ++i)
        rank += ", ?";
    Query q(db, "SELECT rowid, " + rank +
                    ") FROM stories_fts WHERE stories_fts MATCH ? ORDER BY rowid DESC LIMIT ?");
    int index = 1;
    const auto& w = search.weights;
    for (double weight : {w.headline, w.standfirst, w.body, w.tags, w.authors, 0.0})
        q->bind(index++, weight);
    for (int64_t count : counts)
        q->bind(index++, count);
    q->bind(index++, match);
    q->bind(index++, search.max_scored > 0 ? int64_t{search.max_scored} + 1 : int64_t{-1});
    struct Scored {
        int64_t id;
        double score;
        int64_t published = 0;
    };
    std::vector<Scored> scored;  // newest id first
    while (q->step())
        scored.push_back(Scored{q->int64(0), q->real(1)});
    FoundPage page;
    if (search.max_scored > 0 && scored.size() > static_cast<size_t>(search.max_scored)) {
        page.bounded = true;
        scored.pop_back();
    }
    if (scored.empty()) return page;

    std::vector<int64_t> ids;
    ids.reserve(scored.size());
    for (const auto& s : scored)
        ids.push_back(s.id);
    Query f(db,
            "SELECT id, published_at FROM stories s INDEXED BY stories_search_filter "
            "WHERE id IN (SELECT value FROM json_each(?)) " +
                filters_sql(search));
    index = 1;
    f->bind(index++, json_ids(ids));
    bind_filters(*f, index, search);
    std::vector<Scored> kept;
    while (f->step()) {
        int64_t id = f->int64(0);
        auto at = std::lower_bound(scored.begin(), scored.end(), id,
                                   [](const Scored& s, int64_t v) { return s.id > v; });
        if (at == scored.end() || at->id != id) continue;
        kept.push_back(*at);
        kept.back().published = f->int64(1);
    }
    std::sort(kept.begin(), kept.end(), [](const Scored& a, const Scored& b) {
        if (a.score != b.score) return a.score < b.score;
        if (a.published != b.published) return a.published > b.published;
        return a.id > b.id;
    });
    auto from = std::min(kept.size(), static_cast<size_t>(std::max(0, search.offset)));
    auto to = std::min(kept.size(), from + static_cast<size_t>(std::max(0, search.limit)));
    for (size_t i = from; i < to; ++i)
        page.ids.push_back(kept[i].id);
    // As the date-order query says: 0 past the last page.
    page.total = page.ids.empty() ? 0 : static_cast<int64_t>(kept.size());
    return page;
}

// Date order counts up to this many matches, then says "more than" this
// many (as Elasticsearch counts hits up to 10,000 by default): counting a
// word in every story of a million would read all of its list.
constexpr int64_t kNewestCounted = 10'000;

// The ids of a match, read from the index as far as asked (a walk of its
// lists, no story rows read): from the highest id down, where the newest
// stories are, and, for the odd old id a walk by date meets (a story written
// long ago and published now), from the lowest id up, so that neither reads
// the whole match for it.
class MatchIds {
  public:
    MatchIds(Database& db, std::string match) : db_(db), match_(std::move(match)) {
        top_.emplace(db_,
                     "SELECT rowid FROM stories_fts WHERE stories_fts MATCH ? "
                     "ORDER BY rowid DESC");
        (*top_)->bind_all(match_);
    }
    // Reads from the top until `count` ids are held or the match ends.
    void read_up_to(int64_t count) {
        while (!top_ended_ && held() < count)
            read_top();
    }
    bool contains(int64_t id) {
        for (;;) {
            if (top_ended_ || (!high_.empty() && id >= high_.back()))
                return std::binary_search(high_.begin(), high_.end(), id, std::greater<>()) ||
                       std::binary_search(low_.begin(), low_.end(), id);
            if (bottom_ended_ || (!low_.empty() && id <= low_.back()))
                return std::binary_search(low_.begin(), low_.end(), id) ||
                       std::binary_search(high_.begin(), high_.end(), id, std::greater<>());
            // Read on from whichever end the id is nearer.
            int64_t below = high_.empty() ? INT64_MAX : high_.back() - id;
            int64_t above = low_.empty() ? id : id - low_.back();
            if (above < below)
                read_bottom();
            else
                read_top();
        }
    }
    // True when the top has read every match: held() is their number.
    bool ended() const { return top_ended_; }
    int64_t held() const { return static_cast<int64_t>(high_.size()); }

  private:
    void read_top() {
        if ((*top_)->step())
            high_.push_back((*top_)->int64(0));
        else
            top_ended_ = true;
    }
    void read_bottom() {
        if (!bottom_) {
            bottom_.emplace(db_,
                            "SELECT rowid FROM stories_fts WHERE stories_fts MATCH ? "
                            "ORDER BY rowid ASC");
            (*bottom_)->bind_all(match_);
        }
        if ((*bottom_)->step())
            low_.push_back((*bottom_)->int64(0));
        else
            bottom_ended_ = true;
    }
    Database& db_;
    std::string match_;
    std::optional<Query> top_, bottom_;
    std::vector<int64_t> high_;  // descending
    std::vector<int64_t> low_;   // ascending
    bool top_ended_ = false, bottom_ended_ = false;
};

// Date order with an author or dates, which the index cannot filter: the
// stories those allow, newest first from their own index (an author's
// links, or the published stories in the date range), each kept when the
// match holds it. The list is walked until kNewestCounted are found, for the
// total, or past the page for max_walked stories at most; nullopt when it is
// long against few matches, and reading each match's date costs less.
std::optional<FoundPage> filtered_newest_page(Database& db, const StorySearch& search,
                                              const std::string& match) {
    std::string where =
        search.author_id
            ? "FROM story_authors INDEXED BY story_authors_listing WHERE author_id = ? "
              "AND published_at IS NOT NULL "
            : "FROM stories INDEXED BY stories_published WHERE status = 'published' ";
    if (search.from) where += "AND published_at >= ? ";
    if (search.to) where += "AND published_at < ? ";
    // The same parameters, in the same order, as filters_sql() takes.
    auto bind = [&](Statement& q) {
        int index = 1;
        bind_filters(q, index, search);
    };
    MatchIds matches(db, match);
    matches.read_up_to(kNewestCounted + 1);
    if (matches.ended()) {
        // A step of the walk costs about a third of reading a match's date.
        Query count(db, "SELECT count(*) " + where);
        bind(*count);
        count->step();
        if (count->int64(0) > 3 * matches.held()) return std::nullopt;
    }
    std::string id = search.author_id ? "story_id" : "id";
    Query w(db, "SELECT " + id + " " + where + "ORDER BY published_at DESC, " + id + " DESC");
    bind(*w);
    FoundPage page;
    for (int64_t walked = 1; w->step(); ++walked) {
        bool full = static_cast<int>(page.ids.size()) == search.limit;
        if (full && search.max_walked > 0 && walked > search.max_walked) {
            page.bounded = true;
            break;
        }
        int64_t story = w->int64(0);
        if (!matches.contains(story)) continue;
        if (page.total++ < search.offset) continue;
        if (!full) page.ids.push_back(story);
        if (page.total > kNewestCounted && static_cast<int>(page.ids.size()) == search.limit) {
            page.bounded = true;
            page.total = kNewestCounted;
            break;
        }
    }
    if (page.ids.empty()) page.total = 0;  // past the last page, as the query says
    return page;
}

// Date order for a match the index filters alone (words and section). Few
// matches: nullopt, and the caller's query reads each match's date (about
// half a microsecond each). Many: the published stories are walked newest
// first and kept when the match holds their id, which ends after about
// (offset + limit) x stories / matches steps. The total is the number of
// matches, or kNewestCounted (bounded) when there are more.
std::optional<FoundPage> newest_page(Database& db, const std::string& match, int offset,
                                     int limit) {
    MatchIds matches(db, match);
    matches.read_up_to(kNewestCounted + 1);
    auto held = static_cast<double>(matches.held());
    auto span = index_span(db);
    if (held == 0 || !span) return std::nullopt;
    // A step of the walk costs about a third of a lookup of a match's date.
    auto stories = static_cast<double>(span->second - span->first + 1);
    double wanted = offset + limit;
    double walk = wanted * stories / held;
    if (walk > 3 * held) return std::nullopt;
    // A walk longer than expected (the matches are old stories) gives way.
    auto budget = static_cast<int64_t>(4 * walk) + 10'000;
    FoundPage page;
    Query w(db,
            "SELECT id FROM stories INDEXED BY stories_published WHERE status = 'published' "
            "ORDER BY published_at DESC, id DESC");
    int found = 0;
    for (int64_t step = 0; w->step(); ++step) {
        if (step > budget) return std::nullopt;
        int64_t id = w->int64(0);
        if (!matches.contains(id)) continue;
        if (found++ < offset) continue;
        page.ids.push_back(id);
        if (static_cast<int>(page.ids.size()) == limit) break;
    }
    if (page.ids.empty()) return page;  // past the last page, as the query says
    page.bounded = !matches.ended();
    page.total = page.bounded ? kNewestCounted : matches.held();
    return page;
}

}  // namespace

Result<SearchPage> SqliteSearchIndex::search(const StorySearch& search) {
    SearchPage page;
    std::vector<int64_t> ids;
    std::vector<std::pair<std::string, std::string>> marked;
    try {
        Lease lease(pool_);
        // The reader's words are looked for in the story's text only (a
        // prefix such as sect* would find every story's section word), and
        // the section and its children as words of the section column.
        std::string match = std::string(kTextColumns) + " : (" + search.match + ")";
        size_t section_phrases = 0;
        if (search.section_id) {
            std::string words = "\"section" + std::to_string(*search.section_id) + "\"";
            section_phrases = 1;
            Query c(lease.db(), "SELECT id FROM sections WHERE parent_id = ? ORDER BY id");
            c->bind_all(*search.section_id);
            while (c->step()) {
                words += " OR \"section" + std::to_string(c->int64(0)) + "\"";
                ++section_phrases;
            }
            match += " AND search_section : (" + words + ")";
        }
        std::optional<FoundPage> found;
        if (search.order == StorySearch::Order::relevance) {
            auto counts = phrase_counts(lease.db(), search.phrases);
            // The section words weigh nothing (their column's weight is 0).
            if (!counts.empty()) counts.resize(counts.size() + section_phrases, 1);
            found = ranked_page(lease.db(), search, match, counts);
        } else if (!search.author_id && !search.from && !search.to) {
            found = newest_page(lease.db(), match, search.offset, search.limit);
        } else {
            found = filtered_newest_page(lease.db(), search, match);
        }
        if (found) {
            ids = std::move(found->ids);
            page.total = found->total;
            page.bounded = found->bounded;
        } else {
            Query q(lease.db(), dated_page_sql(search));
            int index = 1;
            q->bind(index++, match);
            bind_filters(*q, index, search);
            q->bind(index++, search.limit);
            q->bind(index++, search.offset);
            while (q->step()) {
                ids.push_back(q->int64(0));
                page.total = q->int64(1);
            }
        }
        // Phase two: the marked headline and snippets of this page's hits.
        // Each statement parses the match again (a prefix reads the lists
        // of every word it begins), so hits share one; in date order, hits
        // far apart get their own, so that no statement walks the match
        // across the ids between them (ranked hits are among the newest
        // max_scored matches, so their statement walks no more than those).
        int64_t gap = search.order == StorySearch::Order::relevance && search.max_scored > 0
                          ? INT64_MAX
                          : kSnippetIdGap;
        marked.resize(ids.size());
        std::vector<int64_t> sorted_ids = ids;
        std::sort(sorted_ids.begin(), sorted_ids.end());
        Query s(lease.db(),
                "SELECT rowid, highlight(stories_fts, 0, char(2), char(3)), "
                "snippet(stories_fts, 2, char(2), char(3), '…', " +
                    std::to_string(kSnippetTokens) +
                    "), snippet(stories_fts, 1, char(2), char(3), '…', " +
                    std::to_string(kSnippetTokens) +
                    ") FROM stories_fts WHERE stories_fts MATCH ? AND rowid >= ? "
                    "AND rowid <= ? AND +rowid IN (SELECT value FROM json_each(?))");
        for (size_t first = 0; first < sorted_ids.size();) {
            size_t last = first;
            while (last + 1 < sorted_ids.size() && sorted_ids[last + 1] - sorted_ids[last] <= gap)
                ++last;
            std::vector<int64_t> group(sorted_ids.begin() + static_cast<ptrdiff_t>(first),
                                       sorted_ids.begin() + static_cast<ptrdiff_t>(last) + 1);
            first = last + 1;
            s->reset();
            s->bind_all(match, group.front(), group.back(), json_ids(group));
            while (s->step()) {
                auto at = std::find(ids.begin(), ids.end(), s->int64(0));
                if (at == ids.end()) continue;
                auto& m = marked[static_cast<size_t>(at - ids.begin())];
                m.first = s->text(1);
                std::string body = s->text(2);
                // The body's words around a match; else the standfirst,
                // which may hold the match (or at least says what it is).
                m.second = body.find(kMatchStart) != std::string::npos ? body : s->text(3);
                if (m.second.empty()) m.second = body;
            }
        }
    } catch (const SqliteError& e) {
        return Error::invalid("q", std::string("the search could not be run: ") + e.what());
    }
    auto summaries = stories_.summaries(ids);
    for (size_t i = 0; i < ids.size(); ++i) {
        for (auto& summary : summaries) {
            if (summary.id != ids[i]) continue;
            SearchHit hit;
            hit.story = std::move(summary);
            hit.headline_marked = std::move(marked[i].first);
            hit.snippet_marked = std::move(marked[i].second);
            page.hits.push_back(std::move(hit));
            break;
        }
    }
    return page;
}

int64_t SqliteSearchIndex::indexed_count() {
    Lease lease(pool_);
    // The docsize shadow table has one row per indexed story.
    Query q(lease.db(), "SELECT count(*) FROM stories_fts_docsize");
    q->step();
    return q->int64(0);
}

std::optional<std::vector<IndexWord>> SqliteSearchIndex::prefix_words(std::string_view prefix,
                                                                      size_t limit) {
    Lease lease(pool_);
    return index_words_with_prefix(lease.db(), prefix, limit);
}

Status SqliteSearchIndex::defer_indexing() {
    TransactionScope tx(pool_);
    Lease lease(pool_);
    // Without triggers the load's inserts keep no statement journal for them.
    lease->exec(
        "INSERT INTO search_deferral (only, indexed_below) VALUES (1, 0) "
        "ON CONFLICT (only) DO UPDATE SET indexed_below = 0;"
        "DROP TRIGGER IF EXISTS stories_fts_insert;"
        "DROP TRIGGER IF EXISTS stories_fts_update;"
        "DROP TRIGGER IF EXISTS stories_fts_delete");
    tx.commit();
    return {};
}

Status SqliteSearchIndex::resume_indexing() {
    int64_t highest = 0;
    {
        TransactionScope tx(pool_);
        Lease lease(pool_);
        Query q(lease.db(), "SELECT count(*) FROM search_deferral");
        q->step();
        if (q->int64(0) == 0) return {};
        // Start afresh (not FTS5's 'rebuild', which would index drafts too);
        // from here on the triggers keep each indexed batch in step.
        lease->exec(
            "UPDATE search_deferral SET indexed_below = 0;"
            "INSERT INTO stories_fts (stories_fts) VALUES ('delete-all');"
            "DROP TRIGGER IF EXISTS stories_fts_insert;"
            "DROP TRIGGER IF EXISTS stories_fts_update;"
            "DROP TRIGGER IF EXISTS stories_fts_delete");
        lease->exec(search_index_triggers());
        // FTS5 writes its pending terms out as a new segment whenever they
        // pass 'hashsize' (1 MB by default), and merges those segments
        // again and again as they pile up; a large buffer writes each batch
        // as a few large segments instead (docs/schema.md, measurements).
        Query hash(lease.db(),
                   "INSERT INTO stories_fts (stories_fts, rank) VALUES ('hashsize', ?)");
        hash->bind_all(kIndexHashBytes);
        hash->execute();
        Query h(lease.db(), "SELECT coalesce(max(id), 0) FROM stories");
        h->step();
        highest = h->int64(0);
        tx.commit();
    }
    // Batches, each its own transaction: in one long transaction the index
    // outgrows the page cache and every page it rereads is looked up in an
    // ever longer write-ahead log (1,000,000 stories did not finish in 7
    // minutes). A larger cache keeps a batch's merges in memory. The rows go
    // in id order (a walk of the table, not of the status index): FTS5 writes
    // out its pending terms whenever an id is lower than the one before.
    // Two batches at least: FTS5's optimize (below) leaves a lone segment at
    // the level that later small writes merge into, and merges it again
    // every few writes (a publish on 100,000 stories: up to 360 ms).
    const int64_t batch = std::clamp<int64_t>((highest + 2) / 2, 1, kIndexBatch);
    // Runs work in a transaction of its own, with the larger cache.
    auto with_index_cache = [this](const std::function<void(Database&)>& work) {
        TransactionScope tx(pool_);
        Lease lease(pool_);
        lease->set_cache_kib(kIndexCacheKiB);
        try {
            work(lease.db());
        } catch (...) {
            lease->set_cache_kib(kConnectionCacheKiB);
            throw;
        }
        lease->set_cache_kib(kConnectionCacheKiB);
        tx.commit();
    };
    for (int64_t from = 0; from <= highest; from += batch) {
        with_index_cache([&](Database& db) {
            Query q(db,
                    "INSERT INTO stories_fts (rowid, headline, standfirst, body_text, "
                    "search_tags, search_authors, search_section) SELECT id, headline, "
                    "standfirst, body_text, search_tags, search_authors, search_section "
                    "FROM stories WHERE id >= ? AND id < ? "
                    "AND +status = 'published' ORDER BY id");
            q->bind_all(from, from + batch);
            q->execute();
            Query mark(db, "UPDATE search_deferral SET indexed_below = ?");
            mark->bind_all(from + batch);
            mark->execute();
        });
    }
    // The batches leave a few large segments that FTS5 would merge bit by
    // bit at each later write, a large word's whole list at once: a publish
    // after loading a million stories took 1.6 s. Merged into one now, they
    // cost writes nothing, and each query reads one segment (docs/schema.md).
    with_index_cache(
        [](Database& db) { db.exec("INSERT INTO stories_fts (stories_fts) VALUES ('optimize')"); });
    TransactionScope tx(pool_);
    Lease lease(pool_);
    // Back to FTS5's default for the single stories a newsroom publishes.
    lease->exec(
        "DELETE FROM search_deferral;"
        "INSERT INTO stories_fts (stories_fts, rank) VALUES ('hashsize', 1048576)");
    tx.commit();
    return {};
}

Status SqliteSearchTermStore::add(const std::vector<SearchTermCount>& counts) {
    if (counts.empty()) return {};
    TransactionScope tx(pool_);
    Lease lease(pool_);
    Query q(lease.db(),
            "INSERT INTO search_terms (hour, term, count) VALUES (?, ?, ?) "
            "ON CONFLICT (hour, term) DO UPDATE SET count = count + excluded.count");
    for (const auto& c : counts) {
        if (c.count <= 0 || c.term.empty()) continue;
        q->reset();
        q->bind_all(to_unix(c.hour), c.term, c.count);
        q->execute();
    }
    tx.commit();
    return {};
}

std::vector<SearchTermCount> SqliteSearchTermStore::popular(Timestamp since, int limit,
                                                            int64_t min_count) {
    Lease lease(pool_);
    Query q(lease.db(),
            "SELECT term, sum(count) AS n FROM search_terms WHERE hour >= ? GROUP BY term "
            "HAVING n >= ? ORDER BY n DESC, term LIMIT ?");
    q->bind_all(to_unix(since), min_count, limit);
    std::vector<SearchTermCount> out;
    while (q->step())
        out.push_back(SearchTermCount{q->text(0), q->int64(1), {}});
    return out;
}

int64_t SqliteSearchTermStore::prune(Timestamp before) {
    Lease lease(pool_);
    Query q(lease.db(), "DELETE FROM search_terms WHERE hour < ?");
    q->bind_all(to_unix(before));
    q->execute();
    return lease->changes();
}

}  // namespace dateline::sqlite

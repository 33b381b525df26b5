#include "store/sqlite/search_stores.h"

#include "store/sqlite/migrations.h"
#include "store/sqlite/stores.h"

namespace dateline::sqlite {

namespace {

// Snippets: about this many words around the best match.
constexpr int kSnippetTokens = 24;

// Indexing after a bulk load: stories per transaction, and the page cache
// it uses meanwhile.
constexpr int64_t kIndexBatch = 50'000;
constexpr int kIndexCacheKiB = 256 * 1024;

// Phase one: the ids of one page of hits and the number of all hits. Only
// bm25() runs for every match; snippets are made for the page alone.
std::string page_sql(const StorySearch& search, const std::string& sections, bool bounded) {
    // bm25() cannot run inside a window query, so the matches are scored in
    // a subquery and counted (count(*) OVER ()) outside it.
    bool relevance = search.order == StorySearch::Order::relevance;
    std::string sql = std::string("SELECT id, count(*) OVER () FROM (SELECT f.rowid AS id, ") +
                      (relevance ? "bm25(stories_fts, ?, ?, ?, ?, ?)" : "0") +
                      " AS score, s.published_at AS published FROM stories_fts f "
                      "CROSS JOIN stories s INDEXED BY stories_search_filter ON s.id = f.rowid "
                      "WHERE stories_fts MATCH ? ";
    if (!sections.empty()) sql += "AND s.section_id IN (" + sections + ") ";
    if (search.author_id)
        sql +=
            "AND EXISTS (SELECT 1 FROM story_authors a WHERE a.story_id = s.id "
            "AND a.author_id = ?) ";
    if (search.from) sql += "AND s.published_at >= ? ";
    if (search.to) sql += "AND s.published_at < ? ";
    if (bounded) sql += "AND f.rowid >= ? ";
    sql += relevance ? ") ORDER BY score, published DESC, id DESC "
                     : ") ORDER BY published DESC, id DESC ";
    return sql + "LIMIT ? OFFSET ?";
}

}  // namespace

Result<SearchPage> SqliteSearchIndex::search(const StorySearch& search) {
    SearchPage page;
    std::vector<int64_t> ids;
    std::vector<std::pair<std::string, std::string>> marked;
    try {
        Lease lease(pool_);
        std::string sections;
        if (search.section_id) {
            // The section and its children, as integers from the store.
            sections = std::to_string(*search.section_id);
            Query c(lease.db(), "SELECT id FROM sections WHERE parent_id = ? ORDER BY id");
            c->bind_all(*search.section_id);
            while (c->step())
                sections += "," + std::to_string(c->int64(0));
        }
        // The id of the max_scored-th newest match bounds what is scored:
        // walking the match in rowid order is cheap, scoring is not.
        std::optional<int64_t> lowest_id;
        if (search.order == StorySearch::Order::relevance && search.max_scored > 0) {
            Query b(lease.db(),
                    "SELECT rowid FROM stories_fts WHERE stories_fts MATCH ? "
                    "ORDER BY rowid DESC LIMIT 1 OFFSET ?");
            b->bind_all(search.match, search.max_scored);
            if (b->step()) lowest_id = b->int64(0) + 1;
        }
        page.bounded = lowest_id.has_value();
        {
            Query q(lease.db(), page_sql(search, sections, page.bounded));
            int index = 1;
            if (search.order == StorySearch::Order::relevance) {
                const auto& w = search.weights;
                for (double weight : {w.headline, w.standfirst, w.body, w.tags, w.authors})
                    q->bind(index++, weight);
            }
            q->bind(index++, search.match);
            if (search.author_id) q->bind(index++, *search.author_id);
            if (search.from) q->bind(index++, to_unix(*search.from));
            if (search.to) q->bind(index++, to_unix(*search.to));
            if (lowest_id) q->bind(index++, *lowest_id);
            q->bind(index++, search.limit);
            q->bind(index++, search.offset);
            while (q->step()) {
                ids.push_back(q->int64(0));
                page.total = q->int64(1);
            }
        }
        // Phase two: the marked headline and snippets of this page's hits.
        std::string snippet_sql =
            "SELECT highlight(stories_fts, 0, char(2), char(3)), "
            "snippet(stories_fts, 2, char(2), char(3), '…', " +
            std::to_string(kSnippetTokens) + "), snippet(stories_fts, 1, char(2), char(3), '…', " +
            std::to_string(kSnippetTokens) +
            ") FROM stories_fts WHERE stories_fts MATCH ? AND rowid = ?";
        Query s(lease.db(), snippet_sql);
        for (int64_t id : ids) {
            s->reset();
            s->bind_all(search.match, id);
            std::pair<std::string, std::string> m;
            if (s->step()) {
                m.first = s->text(0);
                std::string body = s->text(1);
                // The body's words around a match; else the standfirst,
                // which may hold the match (or at least says what it is).
                m.second = body.find(kMatchStart) != std::string::npos ? body : s->text(2);
                if (m.second.empty()) m.second = body;
            }
            marked.push_back(std::move(m));
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
    for (int64_t from = 0; from <= highest; from += kIndexBatch) {
        TransactionScope tx(pool_);
        Lease lease(pool_);
        lease->set_cache_kib(kIndexCacheKiB);
        try {
            Query q(lease.db(),
                    "INSERT INTO stories_fts (rowid, headline, standfirst, body_text, "
                    "search_tags, search_authors) SELECT id, headline, standfirst, body_text, "
                    "search_tags, search_authors FROM stories WHERE id >= ? AND id < ? "
                    "AND +status = 'published' ORDER BY id");
            q->bind_all(from, from + kIndexBatch);
            q->execute();
            Query mark(lease.db(), "UPDATE search_deferral SET indexed_below = ?");
            mark->bind_all(from + kIndexBatch);
            mark->execute();
        } catch (...) {
            lease->set_cache_kib(kConnectionCacheKiB);
            throw;
        }
        lease->set_cache_kib(kConnectionCacheKiB);
        tx.commit();
    }
    TransactionScope tx(pool_);
    Lease lease(pool_);
    lease->exec("DELETE FROM search_deferral");
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

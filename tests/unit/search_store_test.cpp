// The FTS5 search index and the search counts on a real SQLite file: BM25
// ranking, the index kept in step with every story write (inside its
// transaction), filters, pagination, snippets, migration 5's backfill, and
// the "Most searched" log.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "search/search_log.h"
#include "search/search_service.h"
#include "store/sqlite/database.h"
#include "store/sqlite/migrations.h"
#include "store/store.h"

namespace dateline {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr Timestamp kT0{std::chrono::seconds{1700000000}};

fs::path unique_temp_dir() {
    static std::atomic<int> counter{0};
    return fs::temp_directory_path() / ("dateline-search-test-" + std::to_string(::getpid()) + "-" +
                                        std::to_string(counter.fetch_add(1)));
}

template <class T>
T must(Result<T> r) {
    if (!r.ok()) throw std::runtime_error(r.error().message);
    return std::move(r).value();
}

class SearchStoreTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = unique_temp_dir();
        fs::create_directories(dir_);
        store_ = must(open_store(StoreOptions{dir_ / "dateline.db"}));
        nation_ = must(store_->sections().create(Section{0, "nation", "Nation", "", {}, 0}));
        politics_ =
            must(store_->sections().create(Section{0, "politics", "Politics", "", nation_, 1}));
        culture_ = must(store_->sections().create(Section{0, "culture", "Culture", "", {}, 2}));
        ada_ = must(store_->authors().create(
            Author{0, "ada-quill", "Ada Quill", AuthorKind::person, "", ""}));
        desk_ = must(store_->authors().create(
            Author{0, "data-desk", "Data Desk", AuthorKind::desk, "", ""}));
        tag_ = must(store_->tags().create(Tag{0, "tides", "Tidal energy", ""}));
    }
    void TearDown() override {
        store_.reset();
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }

    Story story(const std::string& slug, const std::string& headline, const std::string& standfirst,
                const std::string& body, Timestamp at = kT0) {
        Story s;
        s.slug = slug;
        s.section_id = culture_;
        s.headline = headline;
        s.standfirst = standfirst;
        s.body_text = body;
        s.body_html = "<p>" + body + "</p>";
        s.status = StoryStatus::published;
        s.published_at = at;
        s.created_at = s.updated_at = at;
        s.author_ids = {ada_};
        return s;
    }
    int64_t create(const Story& s) { return must(store_->stories().create(s)); }
    Story reload(int64_t id) { return store_->stories().by_id(id).value(); }

    std::vector<int64_t> find(const std::string& match, StorySearch s = {}) {
        s.match = match;
        auto page = must(store_->search().search(s));
        std::vector<int64_t> ids;
        for (const auto& hit : page.hits)
            ids.push_back(hit.story.id);
        return ids;
    }

    static std::vector<int64_t> sorted(std::vector<int64_t> ids) {
        std::sort(ids.begin(), ids.end());
        return ids;
    }

    fs::path dir_;
    std::unique_ptr<Store> store_;
    int64_t nation_ = 0, politics_ = 0, culture_ = 0, ada_ = 0, desk_ = 0, tag_ = 0;
};

TEST_F(SearchStoreTest, HeadlineOutranksStandfirstOutranksBody) {
    int64_t in_body = create(story("b", "Council meets", "Agenda set", "The lighthouse is closed"));
    int64_t in_head = create(story("h", "Lighthouse reopens", "Agenda set", "Council meets"));
    int64_t in_stand = create(story("s", "Council meets", "The lighthouse vote", "Agenda set"));
    EXPECT_EQ(find("\"lighthouse\""), (std::vector<int64_t>{in_head, in_stand, in_body}));
}

TEST_F(SearchStoreTest, OnlyPublishedStoriesAreFoundAndUpdatesKeepTheIndexInStep) {
    Story s = story("d", "Ferry timetable", "", "Sailings change");
    s.status = StoryStatus::draft;
    int64_t id = create(s);
    EXPECT_TRUE(find("\"ferry\"").empty());
    EXPECT_EQ(store_->search().indexed_count(), 0);

    Story st = reload(id);  // publish
    st.status = StoryStatus::published;
    st.published_at = kT0;
    ASSERT_TRUE(store_->stories().update(st).ok());
    EXPECT_EQ(find("\"ferry\""), std::vector<int64_t>{id});

    st = reload(id);  // a new headline replaces the old words
    st.headline = "Harbour timetable";
    ASSERT_TRUE(store_->stories().update(st).ok());
    EXPECT_TRUE(find("\"ferry\"").empty());
    EXPECT_EQ(find("\"harbour\""), std::vector<int64_t>{id});

    st = reload(id);  // unpublish
    st.status = StoryStatus::unpublished;
    ASSERT_TRUE(store_->stories().update(st).ok());
    EXPECT_TRUE(find("\"harbour\"").empty());
    EXPECT_EQ(store_->search().indexed_count(), 0);
}

TEST_F(SearchStoreTest, TagsAndAuthorsAreSearchableAndFollowTheStory) {
    Story s = story("t", "Coast news", "", "Nothing else");
    s.tag_ids = {tag_};
    int64_t id = create(s);
    EXPECT_EQ(find("\"tidal\""), std::vector<int64_t>{id});
    EXPECT_EQ(find("\"quill\""), std::vector<int64_t>{id});

    Story st = reload(id);
    st.tag_ids.clear();
    st.author_ids = {desk_};
    ASSERT_TRUE(store_->stories().update(st).ok());
    EXPECT_TRUE(find("\"tidal\"").empty());
    EXPECT_TRUE(find("\"quill\"").empty());
    EXPECT_EQ(find("\"data desk\""), std::vector<int64_t>{id});
}

TEST_F(SearchStoreTest, RenamingATagReindexesItsStories) {
    Story s = story("r", "Coast news", "", "Nothing else");
    s.tag_ids = {tag_};
    int64_t id = create(s);
    // No store method renames yet; the migration's trigger covers any writer.
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir_ / "dateline.db").c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "UPDATE tags SET name = 'Wave power' WHERE slug = 'tides'", nullptr,
                           nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
    EXPECT_TRUE(find("\"tidal\"").empty());
    EXPECT_EQ(find("\"wave power\""), std::vector<int64_t>{id});
}

TEST_F(SearchStoreTest, AFailedWriteLeavesTheIndexAsItWas) {
    Story s = story("f", "Glacier survey", "", "Ice");
    s.tag_ids = {tag_, 9999};  // unknown tag: the create is refused
    EXPECT_FALSE(store_->stories().create(s).ok());
    EXPECT_TRUE(find("\"glacier\"").empty());
    EXPECT_EQ(store_->search().indexed_count(), 0);

    int64_t id = create(story("g", "Glacier survey", "", "Ice"));
    Story st = reload(id);
    st.headline = "Volcano survey";
    st.tag_ids = {9999};
    EXPECT_FALSE(store_->stories().update(st).ok());
    EXPECT_EQ(find("\"glacier\""), std::vector<int64_t>{id});
    EXPECT_TRUE(find("\"volcano\"").empty());
}

TEST_F(SearchStoreTest, FiltersBySectionWithChildrenAuthorAndDates) {
    Story a = story("a", "Budget vote", "", "", kT0);
    a.section_id = nation_;
    Story b = story("b", "Budget vote", "", "", kT0 + 24h);
    b.section_id = politics_;
    b.author_ids = {desk_};
    Story c = story("c", "Budget vote", "", "", kT0 + 48h);
    int64_t ia = create(a), ib = create(b), ic = create(c);

    StorySearch by_section;
    by_section.section_id = nation_;
    by_section.order = StorySearch::Order::newest;
    EXPECT_EQ(find("\"budget\"", by_section), (std::vector<int64_t>{ib, ia}));
    StorySearch by_author;
    by_author.author_id = desk_;
    EXPECT_EQ(find("\"budget\"", by_author), std::vector<int64_t>{ib});
    StorySearch by_dates;
    by_dates.from = kT0 + 1h;
    by_dates.to = kT0 + 48h;
    EXPECT_EQ(find("\"budget\"", by_dates), std::vector<int64_t>{ib});
    StorySearch newest;
    newest.order = StorySearch::Order::newest;
    EXPECT_EQ(find("\"budget\"", newest), (std::vector<int64_t>{ic, ib, ia}));
}

TEST_F(SearchStoreTest, SectionSearchFollowsAStoryMovedToAnotherSection) {
    int64_t id = create(story("moved", "Budget vote", "", ""));  // culture
    StorySearch in_culture, in_nation;
    in_culture.section_id = culture_;
    in_nation.section_id = nation_;
    EXPECT_EQ(find("\"budget\"", in_culture), std::vector<int64_t>{id});
    EXPECT_TRUE(find("\"budget\"", in_nation).empty());

    Story st = reload(id);
    st.section_id = politics_;  // a child of nation
    ASSERT_TRUE(store_->stories().update(st).ok());
    EXPECT_TRUE(find("\"budget\"", in_culture).empty());
    EXPECT_EQ(find("\"budget\"", in_nation), std::vector<int64_t>{id});
    // The section's word is not found as a word of the story.
    EXPECT_TRUE(find("\"section" + std::to_string(politics_) + "\"").empty());
    EXPECT_TRUE(find("\"sect\" *").empty());
}

// Date order reads dates for a few matches and walks the newest stories for
// many; both must give the order of the dates, whatever the ids.
TEST_F(SearchStoreTest, DateOrderFollowsDatesNotIdsForFewAndManyMatches) {
    constexpr int kStories = 60;
    std::vector<std::pair<Timestamp, int64_t>> all, rare, in_politics, by_desk, in_range,
        rare_by_desk;
    const Timestamp range_from = kT0 + std::chrono::hours(10),
                    range_to = kT0 + std::chrono::hours(40);
    for (int i = 0; i < kStories; ++i) {
        // Dates out of id order: every seventh story is the newest of all.
        Timestamp at = kT0 + std::chrono::hours((i * 37) % kStories) +
                       (i % 7 == 0 ? std::chrono::hours(1000 + i) : std::chrono::hours(0));
        std::string body = i % 20 == 3 ? "ferry rare" : "ferry";
        Story s = story("d" + std::to_string(i), "Crossing " + std::to_string(i), "", body, at);
        if (i % 3 == 0) s.section_id = politics_;
        if (i % 4 == 3) s.author_ids = {desk_};
        int64_t id = create(s);
        all.emplace_back(at, id);
        if (i % 20 == 3) rare.emplace_back(at, id);
        if (i % 3 == 0) in_politics.emplace_back(at, id);
        if (i % 4 == 3) by_desk.emplace_back(at, id);
        if (i % 4 == 3 && i % 20 == 3) rare_by_desk.emplace_back(at, id);
        if (at >= range_from && at < range_to) in_range.emplace_back(at, id);
    }
    auto newest_first = [](std::vector<std::pair<Timestamp, int64_t>> v) {
        std::sort(v.begin(), v.end(), std::greater<>());
        std::vector<int64_t> ids;
        for (auto& [at, id] : v)
            ids.push_back(id);
        return ids;
    };
    auto pages = [&](const std::string& match, StorySearch s, int64_t expected_total) {
        s.order = StorySearch::Order::newest;
        s.match = match;
        s.limit = 7;
        std::vector<int64_t> ids;
        for (s.offset = 0; s.offset < kStories; s.offset += s.limit) {
            auto page = must(store_->search().search(s));
            EXPECT_EQ(page.total, page.hits.empty() ? 0 : expected_total);  // 0 past the end
            EXPECT_FALSE(page.bounded);
            for (const auto& hit : page.hits)
                ids.push_back(hit.story.id);
        }
        return ids;
    };
    EXPECT_EQ(pages("\"ferry\"", {}, kStories), newest_first(all));
    EXPECT_EQ(pages("\"rare\"", {}, 3), newest_first(rare));
    StorySearch politics;
    politics.section_id = politics_;
    EXPECT_EQ(pages("\"ferry\"", politics, 20), newest_first(in_politics));
    // An author and a date range: their own lists walked, or each match's date read.
    StorySearch desk;
    desk.author_id = desk_;
    EXPECT_EQ(pages("\"ferry\"", desk, static_cast<int64_t>(by_desk.size())),
              newest_first(by_desk));
    EXPECT_EQ(pages("\"rare\"", desk, static_cast<int64_t>(rare_by_desk.size())),
              newest_first(rare_by_desk));
    StorySearch range;
    range.from = range_from;
    range.to = range_to;
    EXPECT_EQ(pages("\"ferry\"", range, static_cast<int64_t>(in_range.size())),
              newest_first(in_range));
}

TEST_F(SearchStoreTest, DateOrderByAnAuthorCountsOnlyAsFarAsTheWalkMayGo) {
    std::vector<int64_t> ids;  // oldest first
    for (int i = 0; i < 30; ++i) {
        Story s = story("w" + std::to_string(i), "Crossing " + std::to_string(i), "", "ferry",
                        kT0 + std::chrono::hours(i));
        s.author_ids = {desk_};
        ids.push_back(create(s));
    }
    StorySearch s;
    s.match = "\"ferry\"";
    s.order = StorySearch::Order::newest;
    s.author_id = desk_;
    s.limit = 3;
    auto page = must(store_->search().search(s));
    EXPECT_EQ(page.total, 30);
    EXPECT_FALSE(page.bounded);
    s.max_walked = 10;
    page = must(store_->search().search(s));
    ASSERT_EQ(page.hits.size(), 3u);
    EXPECT_EQ(page.hits[0].story.id, ids[29]);
    EXPECT_EQ(page.total, 10) << "the matches among the 10 stories walked";
    EXPECT_TRUE(page.bounded);
    // A page further on is still filled: the bound applies past the page.
    s.offset = 20;
    page = must(store_->search().search(s));
    ASSERT_EQ(page.hits.size(), 3u);
    EXPECT_EQ(page.hits[0].story.id, ids[9]);
    EXPECT_EQ(page.total, 23);
    EXPECT_TRUE(page.bounded);
    s.offset = 27;
    page = must(store_->search().search(s));
    EXPECT_EQ(page.hits.size(), 3u);
    EXPECT_EQ(page.total, 30);
    EXPECT_FALSE(page.bounded) << "the walk ended before the bound";
}

TEST_F(SearchStoreTest, PagesCountEveryMatch) {
    std::vector<int64_t> ids;
    for (int i = 0; i < 7; ++i)
        ids.push_back(create(story("p" + std::to_string(i), "Rail fares", "", "", kT0 + i * 1h)));
    StorySearch s;
    s.match = "\"rail\"";
    s.order = StorySearch::Order::newest;
    s.limit = 3;
    s.offset = 3;
    auto page = must(store_->search().search(s));
    EXPECT_EQ(page.total, 7);
    ASSERT_EQ(page.hits.size(), 3u);
    EXPECT_EQ(page.hits[0].story.id, ids[3]);
    s.offset = 6;
    EXPECT_EQ(must(store_->search().search(s)).hits.size(), 1u);
}

TEST_F(SearchStoreTest, RelevanceScoresOnlyTheNewestMatchesWhenBounded) {
    std::vector<int64_t> ids;
    for (int i = 0; i < 7; ++i)
        ids.push_back(create(story("n" + std::to_string(i), "Rail fares", "", "", kT0 + i * 1h)));
    StorySearch s;
    s.match = "\"rail\"";
    s.max_scored = 3;
    auto page = must(store_->search().search(s));
    EXPECT_TRUE(page.bounded);
    EXPECT_EQ(page.total, 3);
    for (const auto& hit : page.hits)
        EXPECT_GE(hit.story.id, ids[4]);
    s.max_scored = 7;  // exactly as many as match: nothing is cut
    page = must(store_->search().search(s));
    EXPECT_FALSE(page.bounded);
    EXPECT_EQ(page.total, 7);
}

// dateline_rank() scores as bm25() does when it counts the phrases itself
// or is given the true counts, and weighs a phrase by the count it is given.
TEST_F(SearchStoreTest, RankScoresAsBm25AndUsesTheCountsItIsGiven) {
    create(story("r1", "Harbour budget", "", "Harbour works begin"));
    create(story("r2", "Harbour ferry", "Budget talks", "The budget for the harbour"));
    create(story("r3", "Budget day", "", "Nothing about the sea"));
    create(story("r4", "Harbour lights", "", "Harbour harbour budget"));
    sqlite::Database db(dir_ / "dateline.db");
    const std::string weights = "10.0, 5.0, 1.0, 4.0, 4.0, 0.0";
    auto scores = [&](const std::string& rank) {
        sqlite::Query q(db, "SELECT rowid, " + rank +
                                " FROM stories_fts WHERE stories_fts MATCH "
                                "'\"harbour\" \"budget\"' ORDER BY rowid");
        std::vector<double> out;
        while (q->step())
            out.push_back(q->real(1));
        return out;
    };
    auto bm25 = scores("bm25(stories_fts, " + weights + ")");
    ASSERT_EQ(bm25.size(), 3u);
    auto counted = scores("dateline_rank(stories_fts, " + weights + ")");
    auto given = scores("dateline_rank(stories_fts, " + weights + ", 3, 4)");
    for (size_t i = 0; i < bm25.size(); ++i) {
        EXPECT_NEAR(counted[i], bm25[i], 1e-9);
        EXPECT_NEAR(given[i], bm25[i], 1e-9);
    }
    // Told that "harbour" is in one story of four, it weighs more than bm25's.
    auto rarer = scores("dateline_rank(stories_fts, " + weights + ", 1, 4)");
    EXPECT_LT(rarer[0], bm25[0]);
    EXPECT_THROW(scores("dateline_rank(stories_fts, 1.0)"), sqlite::SqliteError);
}

// The service gives the index each phrase's text for its counts; a term of
// punctuation alone is a phrase FTS5 finds nothing in, and must not upset them.
TEST_F(SearchStoreTest, PhraseCountsHoldForTermsWithoutWords) {
    int64_t a = create(story("w1", "Harbour works", "", "Harbour works begin"));
    int64_t b = create(story("w2", "Harbour fees", "", "Fees rise at the harbour"));
    search::SearchService service(store_->search(), nullptr);
    search::SearchRequest request;
    for (const char* query :
         {"harbour works", "harbour — works", "“harbour” works", "harb* works"}) {
        request.query = query;
        auto r = service.search(request);
        ASSERT_EQ(r.results.size(), 1u) << query;
        EXPECT_EQ(r.results[0].story.id, a) << query;
    }
    request.query = "harbour —";
    auto r = service.search(request);
    ASSERT_EQ(r.results.size(), 2u);
    EXPECT_EQ(sorted({r.results[0].story.id, r.results[1].story.id}), sorted({a, b}));
}

TEST_F(SearchStoreTest, SnippetsMarkTheMatchedWords) {
    create(story("m", "Harbour <b>plan</b>", "Standfirst", "Long text about the harbour works."));
    StorySearch s;
    s.match = "\"harbour\"";
    auto page = must(store_->search().search(s));
    ASSERT_EQ(page.hits.size(), 1u);
    std::string marked = std::string(1, kMatchStart) + "harbour" + kMatchEnd;
    EXPECT_NE(page.hits[0].snippet_marked.find(marked), std::string::npos);
    EXPECT_EQ(page.hits[0].headline_marked,
              std::string(1, kMatchStart) + "Harbour" + kMatchEnd + " <b>plan</b>");
}

TEST_F(SearchStoreTest, ServiceFallsBackToAnyWordAndEscapesSnippets) {
    create(story("x", "Harbour <script>", "", "Harbour works"));
    search::SearchService service(store_->search(), nullptr);
    search::SearchRequest request;
    request.query = "harbour zeppelin";
    auto r = service.search(request);
    EXPECT_TRUE(r.any_word);
    ASSERT_EQ(r.results.size(), 1u);
    EXPECT_EQ(r.results[0].headline_html, "<mark>Harbour</mark> &lt;script&gt;");
    request.query = "\"";
    r = service.search(request);
    EXPECT_TRUE(r.results.empty());
    EXPECT_FALSE(r.notes.empty());
}

TEST_F(SearchStoreTest, PrefixWordsAreTheIndexsStemmedWordsInOrder) {
    create(story("f", "Funding for the fund", "", "Fundamental funds"));
    create(story("g", "Fungus spreads", "", "Previously seen in New York, as promised"));
    auto& index = store_->search();
    using Words = std::optional<std::vector<IndexWord>>;
    auto words = [](std::initializer_list<const char*> texts) {
        std::vector<IndexWord> out;
        for (const char* t : texts)
            out.push_back(IndexWord{t, false});
        return Words{out};
    };
    EXPECT_EQ(index.prefix_words("fund", 16), words({"fund", "fundament"}));
    // FTS5 stems a prefix too: "funding*" looks for words beginning "fund".
    EXPECT_EQ(index.prefix_words("funding", 16), words({"fund", "fundament"}));
    EXPECT_EQ(index.prefix_words("fun", 16), words({"fund", "fundament", "fungu"}));
    EXPECT_EQ(index.prefix_words("fun", 3), words({"fund", "fundament", "fungu"}));
    EXPECT_EQ(index.prefix_words("fun", 2), std::nullopt) << "more words than the limit";
    EXPECT_EQ(index.prefix_words("zzz", 16), Words{std::vector<IndexWord>{}});
    EXPECT_EQ(index.prefix_words("new york", 16), std::nullopt) << "two words";
    // "previously" is kept as "previous", which a match would stem again to
    // "previou"; "previouse" stems to it. "promised" is kept as "promis",
    // which "promise" names.
    EXPECT_EQ(index.prefix_words("prev", 16), words({"previouse"}));
    EXPECT_EQ(index.prefix_words("pro", 16), words({"promise"}));
    EXPECT_EQ(index.prefix_words("promis", 16), words({"promise"}));
}

TEST_F(SearchStoreTest, TheWordsAreReadWithTheTokenizerTheIndexWasDeclaredWith) {
    std::string declared = "tokenize = '";
    for (size_t i = 0; i < std::size(sqlite::kStoriesTokenizer); ++i)
        declared += (i ? " " : "") + std::string(sqlite::kStoriesTokenizer[i]);
    declared += "'";
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir_ / "dateline.db").c_str(), &db), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT sql FROM sqlite_schema WHERE name = 'stories_fts'", -1,
                                 &stmt, nullptr),
              SQLITE_OK);
    ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
    std::string sql = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    EXPECT_NE(sql.find(declared), std::string::npos) << sql;
}

TEST_F(SearchStoreTest, PrefixSearchFindsWhatFts5sOwnPrefixFinds) {
    std::vector<int64_t> ids;
    ids.push_back(create(story("a", "Funding for schools", "", "The council agreed", kT0)));
    ids.push_back(create(story("b", "Harbour news", "", "A fundamental change", kT0 + 1h)));
    ids.push_back(create(story("c", "Funds run low", "", "Budget talks", kT0 + 2h)));
    create(story("d", "Fungus spreads", "", "Gardeners worry", kT0 + 3h));
    create(story("e", "Previously on the council", "", "Old minutes", kT0 + 4h));
    search::SearchService service(store_->search(), nullptr);
    search::SearchRequest request;
    request.query = "fund*";
    auto r = service.search(request);
    EXPECT_EQ(r.query.match, "(\"fund\" OR \"fundament\")");
    EXPECT_EQ(r.query.phrases, (std::vector<std::string>{"\"fund\"", "\"fundament\""}));
    std::vector<int64_t> found;
    for (const auto& hit : r.results)
        found.push_back(hit.story.id);
    EXPECT_EQ(sorted(found), sorted(find("\"fund\" *")));
    EXPECT_EQ(sorted(found), ids);
    EXPECT_EQ(r.total, 3);
    // The reader's prefix, not the index's words, is what gets marked.
    bool marked = false;
    for (const auto& hit : r.results)
        marked = marked || hit.headline_html == "<mark>Funding</mark> for schools";
    EXPECT_TRUE(marked);

    request.order = StorySearch::Order::newest;
    r = service.search(request);
    found.clear();
    for (const auto& hit : r.results)
        found.push_back(hit.story.id);
    EXPECT_EQ(found, (std::vector<int64_t>{ids[2], ids[1], ids[0]}));

    // With another word, each named word is a phrase of the ranking.
    request.order = StorySearch::Order::relevance;
    request.query = "council fund*";
    r = service.search(request);
    EXPECT_EQ(r.query.match, "\"council\" AND (\"fund\" OR \"fundament\")");
    EXPECT_EQ(r.query.phrases.size(), 3u);
    ASSERT_EQ(r.results.size(), 1u);
    EXPECT_EQ(r.results[0].story.id, ids[0]);

    // A word a match would stem again is named by a spelling that stems to
    // it ("previous", kept for "previously", would be read as "previou").
    request.query = "prev*";
    r = service.search(request);
    EXPECT_EQ(r.query.match, "\"previouse\"");
    EXPECT_EQ(r.results.size(), 1u);
    request.query = "previous*";
    r = service.search(request);
    EXPECT_EQ(r.query.match, "\"previouse\"");
    EXPECT_EQ(r.results.size(), 1u);
}

TEST_F(SearchStoreTest, MigrationFiveIndexesStoriesThatExistedBefore) {
    // A database at migration 4 with one published and one draft story.
    fs::path old_db = dir_ / "old.db";
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(old_db.c_str(), &db), SQLITE_OK);
    std::string sql = "CREATE TABLE schema_version (version INTEGER NOT NULL);";
    for (const auto& m : sqlite::migrations())
        if (m.version <= 4)
            sql += std::string(m.sql) + "INSERT INTO schema_version VALUES (" +
                   std::to_string(m.version) + ");";
    sql +=
        "INSERT INTO sections (id, slug, name) VALUES (1, 'nation', 'Nation');"
        "INSERT INTO authors (id, slug, name, kind) VALUES (1, 'ada', 'Ada Quill', 'person');"
        "INSERT INTO stories (id, slug, section_id, kind, status, headline, body_format, "
        "published_at, created_at, updated_at) VALUES "
        "(1, 'old', 1, 'news', 'published', 'Old lighthouse', 'markdown', 1, 1, 1),"
        "(2, 'draft', 1, 'news', 'draft', 'Draft lighthouse', 'markdown', NULL, 1, 1);"
        "INSERT INTO story_authors (story_id, author_id, position) VALUES (1, 1, 0);";
    ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db);
    sqlite3_close(db);

    auto migrated = must(open_store(StoreOptions{old_db}));
    EXPECT_EQ(migrated->schema_version(), current_schema_version());
    StorySearch s;
    s.match = "\"lighthouse\"";
    auto page = must(migrated->search().search(s));
    ASSERT_EQ(page.hits.size(), 1u);
    EXPECT_EQ(page.hits[0].story.id, 1);
    s.match = "\"quill\"";
    EXPECT_EQ(must(migrated->search().search(s)).hits.size(), 1u);
    s.section_id = 1;  // migration 12 indexed the story's section
    EXPECT_EQ(must(migrated->search().search(s)).hits.size(), 1u);
}

// The pending-terms buffer FTS5 keeps for the index: the bulk rebuild
// raises it and must leave the default behind for single publishes.
// The first column of the first row of sql on a connection of its own; -1
// when there is no row.
int64_t read_number(const fs::path& db_path, const char* sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(db_path.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr), SQLITE_OK);
    int64_t value = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : -1;
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return value;
}

int64_t index_hashsize(const fs::path& db_path) {
    return read_number(db_path, "SELECT v FROM stories_fts_config WHERE k = 'hashsize'");
}

// The index's segments (each has rows in its b-tree of terms).
int64_t index_segments(const fs::path& db_path) {
    return read_number(db_path, "SELECT count(DISTINCT segid) FROM stories_fts_idx");
}

TEST_F(SearchStoreTest, ADeferredBulkLoadIsIndexedWhenItFinishes) {
    int64_t before = create(story("a", "Lighthouse keeper", "", "Old news"));
    int64_t kept = create(story("k", "Harbour news", "", "Lighthouse at dawn"));
    {
        DeferredIndexing indexing(store_->search());
        ASSERT_TRUE(indexing.start().ok());
        ASSERT_TRUE(indexing.start().ok());  // a second start changes nothing
        int64_t loaded = create(story("l", "Lighthouse sold", "", "Bulk loaded"));
        Story draft = story("d", "Lighthouse draft", "", "Not yet");
        draft.status = StoryStatus::draft;
        create(draft);  // drafts stay out of the index after the load too
        Story edited = reload(kept);
        edited.body_text = "Harbour at dusk";
        ASSERT_TRUE(store_->stories().update(edited).ok());
        // Searches see the index as it was before the load.
        EXPECT_EQ(sorted(find("\"lighthouse\"")), (std::vector<int64_t>{before, kept}));
        ASSERT_TRUE(indexing.finish().ok());
        EXPECT_EQ(sorted(find("\"lighthouse\"")), (std::vector<int64_t>{before, loaded}));
    }
    EXPECT_EQ(store_->search().indexed_count(), 3);
    EXPECT_EQ(index_hashsize(dir_ / "dateline.db"), 1024 * 1024);
    // One segment, which later writes have nothing large to merge with.
    EXPECT_EQ(index_segments(dir_ / "dateline.db"), 1);
    // The triggers are back: the next write is indexed at once.
    int64_t after = create(story("n", "Lighthouse lamp", "", "After the load"));
    EXPECT_EQ(find("\"lamp\""), std::vector<int64_t>{after});
}

TEST_F(SearchStoreTest, ADeferralLeftByACrashIsFinishedAtTheNextStart) {
    ASSERT_TRUE(store_->search().defer_indexing().ok());
    int64_t loaded = create(story("l", "Lighthouse sold", "", "Bulk loaded"));
    store_.reset();  // the load ends without resuming
    {
        // ... or ends in the middle of the rebuild, its large buffer still set.
        sqlite3* db = nullptr;
        ASSERT_EQ(sqlite3_open((dir_ / "dateline.db").c_str(), &db), SQLITE_OK);
        ASSERT_EQ(sqlite3_exec(db,
                               "INSERT INTO stories_fts (stories_fts, rank) "
                               "VALUES ('hashsize', 536870912)",
                               nullptr, nullptr, nullptr),
                  SQLITE_OK);
        sqlite3_close(db);
    }
    store_ = must(open_store(StoreOptions{dir_ / "dateline.db"}));
    EXPECT_EQ(find("\"lighthouse\""), std::vector<int64_t>{loaded});
    EXPECT_EQ(index_hashsize(dir_ / "dateline.db"), 1024 * 1024);
    int64_t after = create(story("n", "Lighthouse lamp", "", "After the load"));
    EXPECT_EQ(find("\"lamp\""), std::vector<int64_t>{after});
}

TEST_F(SearchStoreTest, SearchCountsAddUpPerHourAndOldHoursArePruned) {
    auto& terms = store_->search_terms();
    Timestamp hour{std::chrono::seconds{1700000000 / 3600 * 3600}};
    ASSERT_TRUE(terms.add({{"budget", 2, hour}, {"rail", 1, hour}}).ok());
    ASSERT_TRUE(terms.add({{"budget", 3, hour}, {"rail", 1, hour + 1h}}).ok());
    auto popular = terms.popular(hour, 10, 1);
    ASSERT_EQ(popular.size(), 2u);
    EXPECT_EQ(popular[0].term, "budget");
    EXPECT_EQ(popular[0].count, 5);
    EXPECT_EQ(popular[1].count, 2);
    EXPECT_EQ(terms.popular(hour, 10, 3).size(), 1u);  // rail: 2 < 3
    EXPECT_EQ(terms.prune(hour + 1h), 2);
    EXPECT_EQ(terms.popular(hour, 10, 1).size(), 1u);
}

TEST_F(SearchStoreTest, SearchLogCountsOnlyWhatIsAnonymousAndShort) {
    ManualClock clock(kT0);
    search::SearchLogOptions options;
    options.flush_interval = 0s;  // flushed by hand below
    options.popular_min_count = 2;
    search::SearchLog log(store_->search_terms(), clock, options);
    log.record("harbour");
    log.record("harbour");
    log.record("me@example.com");
    log.record("call 555 123 4567");
    log.record(std::string(search::kMaxLoggedQueryBytes + 1, 'x'));
    log.record("");
    log.record("once");
    EXPECT_TRUE(log.popular().empty());  // nothing is read before a flush
    ASSERT_TRUE(log.flush().ok());
    auto popular = log.popular();
    ASSERT_EQ(popular.size(), 1u);  // "once" is below the minimum count
    EXPECT_EQ(popular[0].term, "harbour");
    EXPECT_EQ(popular[0].count, 2);
    auto all = store_->search_terms().popular(kT0 - 24h, 10, 1);
    EXPECT_EQ(all.size(), 2u);  // harbour and once: nothing personal was stored

    clock.advance(std::chrono::hours(24 * 8));  // past the window
    ASSERT_TRUE(log.flush().ok());
    EXPECT_TRUE(log.popular().empty());
}

TEST(SearchLogFilter, LeavesOutWhatLooksPersonal) {
    EXPECT_EQ(search::loggable_query("budget 2026"), "budget 2026");
    EXPECT_EQ(search::loggable_query("a@b.c"), "");
    EXPECT_EQ(search::loggable_query("+44 (0) 20 7946 0958"), "");
    EXPECT_EQ(search::loggable_query(""), "");
}

}  // namespace
}  // namespace dateline

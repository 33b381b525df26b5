// dateline_rank(): BM25 over the stories' FTS5 index, as FTS5's bm25() scores
// it, but with each phrase's document count given by the caller.
//
// bm25() counts the stories holding each phrase by walking the phrase's whole
// list on every query: for a word in every story of a million (or a phrase,
// whose positions are checked in each), that walk cost 10 to 40 ms while the
// 2,000 matches it ranks cost under 2. The caller estimates the counts from
// the newest matches instead (search_stores.cpp).
//
//   dateline_rank(stories_fts, weight per column..., stories per phrase...)
//
// Given only the weights (or counts that are not one per phrase), it counts
// as bm25() does, and scores the same.
#pragma once

struct sqlite3;
struct fts5_api;

namespace dateline::sqlite {

inline constexpr const char* kSearchRankFunction = "dateline_rank";

// Adds dateline_rank() to the connection; throws SqliteError when FTS5 is
// missing from the SQLite library.
void register_search_rank(sqlite3* db);

// The connection's FTS5 API (tokenizers, functions); throws SqliteError when
// FTS5 is missing or too old.
fts5_api* fts5_api_of(sqlite3* db);

}  // namespace dateline::sqlite

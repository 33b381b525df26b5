#include "store/sqlite/search_rank.h"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

#include "store/sqlite/database.h"

namespace dateline::sqlite {

namespace {

// FTS5's bm25() constants, so that both score alike.
constexpr double kK1 = 1.2;
constexpr double kB = 0.75;

// What one query's scoring needs for every row: worked out at its first row.
struct RankTerms {
    std::vector<double> weights;  // per column
    std::vector<double> idf;      // per phrase
    double average_tokens = 1.0;  // per story, all columns together
    std::vector<double> frequency;
};

int count_row(const Fts5ExtensionApi*, Fts5Context*, void* rows) {
    ++*static_cast<int64_t*>(rows);
    return SQLITE_OK;
}

// bm25()'s inverse document frequency; a phrase in more than half the rows
// still counts a little.
double inverse_frequency(double rows, double holding) {
    double idf = std::log((rows - holding + 0.5) / (holding + 0.5));
    return idf > 0.0 ? idf : 1e-6;
}

// nullptr with the error set on ctx.
RankTerms* terms_for(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int argc,
                     sqlite3_value** argv) {
    if (auto* kept = static_cast<RankTerms*>(api->xGetAuxdata(fts, 0))) return kept;
    int columns = api->xColumnCount(fts);
    int phrases = api->xPhraseCount(fts);
    if (argc < columns) {
        sqlite3_result_error(ctx,
                             "dateline_rank: give a weight per column, then optionally "
                             "a story count per phrase",
                             -1);
        return nullptr;
    }
    // Counts that do not line up with the phrases (FTS5 leaves out a phrase
    // of punctuation alone) are not used: the phrases are counted instead.
    bool given = argc == columns + phrases;
    auto terms = std::make_unique<RankTerms>();
    for (int c = 0; c < columns; ++c)
        terms->weights.push_back(sqlite3_value_double(argv[c]));
    sqlite3_int64 rows = 0, tokens = 0;
    int rc = api->xRowCount(fts, &rows);
    if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &tokens);
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(ctx, rc);
        return nullptr;
    }
    rows = std::max<sqlite3_int64>(rows, 1);
    terms->average_tokens = std::max(1.0, static_cast<double>(tokens) / static_cast<double>(rows));
    for (int p = 0; p < phrases; ++p) {
        int64_t holding = 0;
        if (given) {
            holding = sqlite3_value_int64(argv[columns + p]);
        } else {
            rc = api->xQueryPhrase(fts, p, &holding, count_row);
            if (rc != SQLITE_OK) {
                sqlite3_result_error_code(ctx, rc);
                return nullptr;
            }
        }
        holding = std::clamp<int64_t>(holding, 0, rows);
        terms->idf.push_back(
            inverse_frequency(static_cast<double>(rows), static_cast<double>(holding)));
    }
    terms->frequency.resize(static_cast<size_t>(phrases));
    RankTerms* raw = terms.get();
    rc = api->xSetAuxdata(fts, terms.release(), [](void* p) { delete static_cast<RankTerms*>(p); });
    if (rc != SQLITE_OK) {  // xSetAuxdata has freed it
        sqlite3_result_error_code(ctx, rc);
        return nullptr;
    }
    return raw;
}

void rank(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int argc,
          sqlite3_value** argv) {
    RankTerms* terms = terms_for(api, fts, ctx, argc, argv);
    if (!terms) return;
    std::fill(terms->frequency.begin(), terms->frequency.end(), 0.0);
    int instances = 0;
    int rc = api->xInstCount(fts, &instances);
    for (int i = 0; rc == SQLITE_OK && i < instances; ++i) {
        int phrase = 0, column = 0, offset = 0;
        rc = api->xInst(fts, i, &phrase, &column, &offset);
        if (rc == SQLITE_OK && phrase < static_cast<int>(terms->frequency.size()) &&
            column < static_cast<int>(terms->weights.size()))
            terms->frequency[static_cast<size_t>(phrase)] +=
                terms->weights[static_cast<size_t>(column)];
    }
    int tokens = 0;
    if (rc == SQLITE_OK) rc = api->xColumnSize(fts, -1, &tokens);
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(ctx, rc);
        return;
    }
    double length = kK1 * (1 - kB + kB * tokens / terms->average_tokens);
    double score = 0.0;
    for (size_t p = 0; p < terms->frequency.size(); ++p) {
        double f = terms->frequency[p];
        score += terms->idf[p] * f * (kK1 + 1) / (f + length);
    }
    // Lower is better, as with bm25(): ORDER BY rank puts the best first.
    sqlite3_result_double(ctx, -score);
}

}  // namespace

fts5_api* fts5_api_of(sqlite3* db) {
    fts5_api* api = nullptr;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) != SQLITE_OK)
        throw SqliteError(sqlite3_errcode(db), "this SQLite has no FTS5");
    std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> guard(stmt, sqlite3_finalize);
    sqlite3_bind_pointer(stmt, 1, &api, "fts5_api_ptr", nullptr);
    sqlite3_step(stmt);
    if (!api || api->iVersion < 2) throw SqliteError(SQLITE_ERROR, "this SQLite's FTS5 is too old");
    return api;
}

void register_search_rank(sqlite3* db) {
    fts5_api* api = fts5_api_of(db);
    int rc = api->xCreateFunction(api, kSearchRankFunction, nullptr, rank, nullptr);
    if (rc != SQLITE_OK) throw SqliteError(rc, "cannot add dateline_rank()");
}

}  // namespace dateline::sqlite

#include "store/sqlite/prefix_words.h"

#include <sqlite3.h>

#include <iterator>

#include "store/sqlite/database.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/search_rank.h"

namespace dateline::sqlite {

namespace {

// What stories_fts's tokenizer makes of text with the given FTS5_TOKENIZE_*
// flags: the words a match expression would look up.
std::vector<std::string> tokenize(Database& db, std::string_view text, int flags) {
    fts5_api* api = fts5_api_of(db.handle());
    void* context = nullptr;
    fts5_tokenizer methods{};
    int rc = api->xFindTokenizer(api, kStoriesTokenizer[0], &context, &methods);
    if (rc != SQLITE_OK)
        throw SqliteError(rc, "no FTS5 tokenizer " + std::string(kStoriesTokenizer[0]));
    const char* args[std::size(kStoriesTokenizer) - 1];
    for (size_t i = 1; i < std::size(kStoriesTokenizer); ++i)
        args[i - 1] = kStoriesTokenizer[i];
    Fts5Tokenizer* tokenizer = nullptr;
    rc = methods.xCreate(context, args, static_cast<int>(std::size(args)), &tokenizer);
    if (rc != SQLITE_OK) throw SqliteError(rc, "cannot create the search index's tokenizer");
    std::unique_ptr<Fts5Tokenizer, void (*)(Fts5Tokenizer*)> guard(tokenizer, methods.xDelete);
    std::vector<std::string> words;
    auto collect = [](void* out, int token_flags, const char* token, int bytes, int, int) {
        // A colocated token is a synonym at the same place, not a word of its own.
        if (!(token_flags & FTS5_TOKEN_COLOCATED))
            static_cast<std::vector<std::string>*>(out)->emplace_back(token,
                                                                      static_cast<size_t>(bytes));
        return SQLITE_OK;
    };
    rc = methods.xTokenize(tokenizer, &words, flags, text.data(), static_cast<int>(text.size()),
                           collect);
    if (rc != SQLITE_OK) throw SqliteError(rc, "the search index's tokenizer failed");
    return words;
}

}  // namespace

std::optional<std::vector<std::string>> index_words_with_prefix(Database& db,
                                                                std::string_view prefix,
                                                                size_t limit) {
    auto stem = tokenize(db, prefix, FTS5_TOKENIZE_QUERY | FTS5_TOKENIZE_PREFIX);
    if (stem.size() != 1) return std::nullopt;
    // The 'instance' view of the dictionary starts a lazy walk at the first
    // word at or after the bound; one row of it is one seek in the index's
    // segments, where the 'row' view would count each word's whole list.
    db.exec(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.stories_fts_words "
        "USING fts5vocab(main, stories_fts, instance)");
    Query q(db, "SELECT term FROM temp.stories_fts_words WHERE term >= ? LIMIT 1");
    std::vector<std::string> words;
    std::string from = stem.front();
    while (true) {
        q->reset();
        q->bind_all(from);
        if (!q->step()) break;
        std::string word = q->text(0);
        if (word.compare(0, stem.front().size(), stem.front()) != 0) break;
        if (words.size() == limit) return std::nullopt;
        // Quoted in a match expression the word is tokenized again, and
        // must come out as itself to find what the prefix found.
        auto again = tokenize(db, word, FTS5_TOKENIZE_QUERY);
        if (again.size() != 1 || again.front() != word) return std::nullopt;
        words.push_back(word);
        // The next word after this one: the tokenizer keeps no control
        // characters in a word, so none lies between word and word + "\x01".
        from = word + '\x01';
    }
    return words;
}

}  // namespace dateline::sqlite

#include "store/sqlite/prefix_words.h"

#include <sqlite3.h>

#include <iterator>
#include <memory>

#include "store/sqlite/database.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/search_rank.h"

namespace dateline::sqlite {

namespace {

// stories_fts's tokenizer, for reading words as a match expression does.
class IndexTokenizer {
  public:
    explicit IndexTokenizer(Database& db) {
        fts5_api* api = fts5_api_of(db.handle());
        void* context = nullptr;
        int rc = api->xFindTokenizer(api, kStoriesTokenizer[0], &context, &methods_);
        if (rc != SQLITE_OK)
            throw SqliteError(rc, "no FTS5 tokenizer " + std::string(kStoriesTokenizer[0]));
        const char* args[std::size(kStoriesTokenizer) - 1];
        for (size_t i = 1; i < std::size(kStoriesTokenizer); ++i)
            args[i - 1] = kStoriesTokenizer[i];
        rc = methods_.xCreate(context, args, static_cast<int>(std::size(args)), &tokenizer_);
        if (rc != SQLITE_OK) throw SqliteError(rc, "cannot create the search index's tokenizer");
    }
    ~IndexTokenizer() { methods_.xDelete(tokenizer_); }
    IndexTokenizer(const IndexTokenizer&) = delete;
    IndexTokenizer& operator=(const IndexTokenizer&) = delete;

    // The words text stands for with the given FTS5_TOKENIZE_* flags.
    std::vector<std::string> words(std::string_view text, int flags) {
        std::vector<std::string> out;
        auto collect = [](void* words, int token_flags, const char* token, int bytes, int, int) {
            // A colocated token is a synonym at the same place, not a word.
            if (!(token_flags & FTS5_TOKEN_COLOCATED))
                static_cast<std::vector<std::string>*>(words)->emplace_back(
                    token, static_cast<size_t>(bytes));
            return SQLITE_OK;
        };
        int rc = methods_.xTokenize(tokenizer_, &out, flags, text.data(),
                                    static_cast<int>(text.size()), collect);
        if (rc != SQLITE_OK) throw SqliteError(rc, "the search index's tokenizer failed");
        return out;
    }

  private:
    fts5_tokenizer methods_{};
    Fts5Tokenizer* tokenizer_ = nullptr;
};

bool begins_with(const std::string& text, const std::string& prefix) {
    return text.compare(0, prefix.size(), prefix) == 0;
}

// A text the tokenizer reads as exactly this index word: the word itself,
// or, when the stemmer would shorten it again ("propos", kept for
// "proposal", is read as "propo"), the word with an ending that stems back
// to it ("propose"). Nothing when no ending tried does.
std::optional<std::string> spelling_of(IndexTokenizer& tokenizer, const std::string& word) {
    static constexpr const char* kEndings[] = {"",    "e",     "s",   "ly",   "ed",   "ing",
                                               "al",  "es",    "ion", "ions", "ment", "ness",
                                               "ous", "ation", "ive", "ity",  "ize",  "ise"};
    for (const char* ending : kEndings) {
        std::string text = word + ending;
        auto read = tokenizer.words(text, FTS5_TOKENIZE_QUERY);
        if (read.size() == 1 && read.front() == word) return text;
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::vector<IndexWord>> index_words_with_prefix(Database& db, std::string_view prefix,
                                                              size_t limit) {
    IndexTokenizer tokenizer(db);
    auto stem = tokenizer.words(prefix, FTS5_TOKENIZE_QUERY | FTS5_TOKENIZE_PREFIX);
    if (stem.size() != 1) return std::nullopt;
    // The 'instance' view of the dictionary starts a lazy walk at the first
    // word at or after the bound; one row of it is one seek in the index's
    // segments, where the 'row' view would count each word's whole list.
    db.exec(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.stories_fts_words "
        "USING fts5vocab(main, stories_fts, instance)");
    Query q(db, "SELECT term FROM temp.stories_fts_words WHERE term >= ? LIMIT 1");
    std::vector<IndexWord> words;
    std::string from = stem.front();
    while (true) {
        q->reset();
        q->bind_all(from);
        if (!q->step()) break;
        std::string word = q->text(0);
        if (!begins_with(word, stem.front())) break;
        if (words.size() == limit) return std::nullopt;
        // Quoted in a match expression the word is stemmed again, so it is
        // named by a spelling that stems to it. Failing that, as a prefix,
        // which is stemmed the same way: right as long as it finds no word
        // the reader's prefix would not, but FTS5 builds its list in full.
        if (auto spelling = spelling_of(tokenizer, word)) {
            words.push_back(IndexWord{*spelling, false});
        } else {
            auto wider = tokenizer.words(word, FTS5_TOKENIZE_QUERY | FTS5_TOKENIZE_PREFIX);
            if (wider.size() != 1 || !begins_with(wider.front(), stem.front())) return std::nullopt;
            words.push_back(IndexWord{word, true});
        }
        // The next word after this one: the tokenizer keeps no control
        // characters in a word, so none lies between word and word + "\x01".
        from = word + '\x01';
    }
    return words;
}

}  // namespace dateline::sqlite

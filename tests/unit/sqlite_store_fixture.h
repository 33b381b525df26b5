// The fixture of the SQLite store tests: a real database file in a
// temporary folder, and helpers that create content through the store.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "store/store.h"

namespace dateline {

// Lets failed expectations print "conflict" rather than raw bytes.
inline void PrintTo(ErrorKind kind, std::ostream* os) {
    *os << to_string(kind);
}

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr Timestamp kT0{std::chrono::seconds{1700000000}};

fs::path unique_temp_dir() {
    static std::atomic<int> counter{0};
    return fs::temp_directory_path() / ("dateline-store-test-" + std::to_string(::getpid()) + "-" +
                                        std::to_string(counter.fetch_add(1)));
}

class SqliteStoreTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = unique_temp_dir();
        fs::create_directories(dir_);
        store_ = open(db_path());
    }
    void TearDown() override {
        store_.reset();
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }

    fs::path db_path() const { return dir_ / "dateline.db"; }

    static std::unique_ptr<Store> open(const fs::path& path) {
        auto store = open_store(StoreOptions{path});
        if (!store.ok()) throw std::runtime_error("open_store: " + store.error().message);
        return std::move(*store);
    }

    Store& store() { return *store_; }

    template <class T>
    static T must(Result<T> r, const char* what = "") {
        if (!r.ok()) throw std::runtime_error(std::string(what) + ": " + r.error().message);
        return std::move(r).value();
    }

    int64_t section(const std::string& slug, std::optional<int64_t> parent = std::nullopt,
                    int position = 0) {
        return must(
            store().sections().create(Section{0, slug, "Name of " + slug, "", parent, position}),
            "section");
    }
    int64_t author(const std::string& slug, AuthorKind kind = AuthorKind::person) {
        return must(store().authors().create(Author{0, slug, "Author " + slug, kind, "", ""}),
                    "author");
    }
    int64_t tag(const std::string& slug) {
        return must(store().tags().create(Tag{0, slug, "Tag " + slug, ""}), "tag");
    }
    int64_t show(const std::string& slug, int position = 0) {
        return must(store().shows().create(Show{0, slug, "Show " + slug, "", position}), "show");
    }
    int64_t event(const std::string& slug, int position = 0) {
        return must(store().events().create(EventHub{0, slug, "Event " + slug, "", position}),
                    "event");
    }
    int64_t media(const std::string& path) {
        MediaAsset m;
        m.path = path;
        m.mime = "image/jpeg";
        m.width = 1280;
        m.height = 720;
        m.bytes = 12345;
        m.alt = "Alt of " + path;
        m.caption = "Caption";
        m.credit = "Credit";
        m.focal_x = 0.25;
        m.focal_y = 0.75;
        m.created_at = kT0;
        return must(store().media().create(m), "media");
    }

    static Story draft(int64_t section_id, const std::string& slug) {
        Story s;
        s.slug = slug;
        s.section_id = section_id;
        s.headline = "Headline of " + slug;
        s.standfirst = "Standfirst";
        s.body_source = "Body";
        s.body_html = "<p>Body</p>";
        s.body_text = "Body";
        s.word_count = 1;
        s.created_at = kT0;
        s.updated_at = kT0;
        return s;
    }
    static Story published(int64_t section_id, const std::string& slug, Timestamp at) {
        Story s = draft(section_id, slug);
        s.status = StoryStatus::published;
        s.published_at = at;
        return s;
    }
    int64_t create(const Story& s) { return must(store().stories().create(s), "story"); }

    static std::vector<int64_t> ids(const Paged<StorySummary>& page) {
        std::vector<int64_t> out;
        for (const auto& s : page.items)
            out.push_back(s.id);
        return out;
    }
    static std::vector<int64_t> ids(const std::vector<StorySummary>& list) {
        std::vector<int64_t> out;
        for (const auto& s : list)
            out.push_back(s.id);
        return out;
    }

    fs::path dir_;
    std::unique_ptr<Store> store_;
};

}  // namespace
}  // namespace dateline

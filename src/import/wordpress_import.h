// Imports a WordPress export (WXR) into the store: authors, categories as
// sections, tags, posts as stories, pages as static pages, and a 301 from
// every old permalink to its new address (docs/import.md).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "store/store.h"
#include "util/clock.h"
#include "util/status.h"

namespace dateline {

struct WordPressImportOptions {
    // Section of posts filed under no category; made when missing.
    std::string default_section = "uncategorized";
    // Reads, converts and writes everything, then rolls it back: the report
    // says what an import would do, and nothing is stored.
    bool dry_run = false;
};

struct WordPressImportReport {
    std::string source;  // "wordpress:https://old.example", the key of imported_items
    int64_t stories = 0;
    int64_t pages = 0;
    int64_t sections = 0;  // made by this import (existing ones are reused)
    int64_t tags = 0;
    int64_t authors = 0;
    int64_t redirects = 0;
    int64_t already_imported = 0;  // posts and pages an earlier import of the source made
    int64_t body_warnings = 0;     // what the content pipeline removed or changed
    // Items left out, by reason ("attachment", "nav_menu_item", "trash", ...).
    std::map<std::string, int64_t> skipped;
    std::vector<std::string> notes;  // the first kMaxImportNotes things an editor should know
    bool search_deferred = false;    // the search index was rebuilt once at the end
    std::chrono::duration<double> reading{};   // parsing, converting and writing
    std::chrono::duration<double> indexing{};  // the search index, when deferred
};

constexpr size_t kMaxImportNotes = 50;

// Imports the export at file in one transaction: either all of it is stored
// or, on any error, none of it. Items an earlier import of the same source
// made are skipped, so an export can be imported again after it grew.
// Existing sections, tags and authors with the same slug are reused; an
// existing page, redirect or setting is never changed. invalid (field
// "file") for a file that is not a WordPress export, with its line; io when
// it cannot be read. Not inside a transaction.
Result<WordPressImportReport> import_wordpress(Store& store, const std::filesystem::path& file,
                                               const WordPressImportOptions& options,
                                               const Clock& clock);

}  // namespace dateline

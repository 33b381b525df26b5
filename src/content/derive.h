// What is derived from a sanitized body at save: heading anchors, internal
// links rewritten to canonical URLs, plain text, excerpt, word count and
// reading time.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "content/context.h"
#include "content/html_tree.h"

namespace dateline {

constexpr int kWordsPerMinute = 230;
constexpr size_t kExcerptChars = 200;

struct Heading {
    int level = 2;   // 2..6 (an h1 in a body becomes an h2)
    std::string id;  // the anchor: unique in the body, e.g. "the-vote"
    std::string text;
};

struct DerivedFacts {
    std::string text;  // plain text, one block a line; embeds and related boxes left out
    std::string excerpt;
    int word_count = 0;
    int reading_minutes = 0;  // 0 only for an empty body
    std::vector<Heading> headings;
    std::vector<int64_t> linked_story_ids;  // internal links that resolved to a story
};

// Adds ids to top-level headings and, when context is not null, points
// links to the site's stories at their canonical URL; returns the facts.
DerivedFacts derive_facts(HtmlNodes& nodes, const ContentContext* context);

// Minutes a reader needs for so many words: 0 for none, at least 1 otherwise.
int reading_minutes(int word_count);

}  // namespace dateline

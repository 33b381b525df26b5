// The reader's search parameters (/search?q=&section=&author=&from=&to=
// &sort=&page=) read from a request: checked, resolved against the site's
// sections and authors, and able to write themselves back into links.
// A bad parameter never fails the page: it is left out with a note.
#pragma once

#include <string>
#include <vector>

#include "http/request.h"
#include "model/site_time.h"
#include "model/taxonomy.h"
#include "search/search_service.h"
#include "site/navigation.h"

namespace dateline {

struct SearchForm {
    std::string q;        // valid UTF-8, at most search::kMaxQueryBytes * 4 bytes
    std::string section;  // a known section's slug, or empty
    std::string author;   // a known author's slug, or empty
    std::string from;     // YYYY-MM-DD, or empty
    std::string to;       // YYYY-MM-DD (inclusive), or empty
    bool sort_by_date = false;
    search::SearchRequest request;   // what to search for
    std::vector<std::string> notes;  // parameters that were left out, and why

    // "q=...&section=...&page=N" for these parameters (page 1 leaves it out).
    std::string query_string(int page) const;
};

SearchForm read_search_form(const http::Request& request, const Navigation& nav,
                            const std::vector<Author>& authors, const SiteTime& time);

}  // namespace dateline

#include "site/search_form.h"

#include "util/strings.h"

namespace dateline {

namespace {
// What the page echoes back of a very long query; the parser reads less.
constexpr size_t kMaxEchoedQueryBytes = search::kMaxQueryBytes * 4;
}  // namespace

SearchForm read_search_form(const http::Request& request, const Navigation& nav,
                            const std::vector<Author>& authors, const SiteTime& time) {
    SearchForm form;
    auto param = [&](std::string_view name) {
        auto value = request.query_param(name);
        return value ? std::string(trim(*value)) : std::string();
    };
    form.q = search::clean_query_text(param("q"), kMaxEchoedQueryBytes);
    form.request.query = form.q;

    if (auto slug = param("section"); !slug.empty()) {
        if (const Section* s = nav.section_by_slug(slug)) {
            form.section = s->slug;
            form.request.section_id = s->id;
        } else {
            form.notes.push_back("There is no such section, so every section was searched.");
        }
    }
    if (auto slug = param("author"); !slug.empty()) {
        for (const auto& a : authors)
            if (a.slug == slug) {
                form.author = a.slug;
                form.request.author_id = a.id;
            }
        if (form.author.empty())
            form.notes.push_back("There is no such author, so stories by everyone were searched.");
    }
    if (auto from = param("from"); !from.empty()) {
        if (auto t = time.start_of_day(from)) {
            form.from = from;
            form.request.from = *t;
        } else {
            form.notes.push_back(
                "The start date was not a date like 2026-03-22, so it was left "
                "out.");
        }
    }
    if (auto to = param("to"); !to.empty()) {
        if (auto t = time.start_of_day(to)) {
            form.to = to;
            // Inclusive: up to the start of the next local day (days are
            // 23 to 25 hours long, so 26 hours on is always the next one).
            std::string next_day = time.iso_local(*t + std::chrono::hours(26)).substr(0, 10);
            form.request.to = time.start_of_day(next_day).value_or(*t + std::chrono::hours(24));
        } else {
            form.notes.push_back(
                "The end date was not a date like 2026-03-22, so it was left out.");
        }
    }
    if (form.request.from && form.request.to && *form.request.to <= *form.request.from)
        form.notes.push_back("The end date is before the start date, so nothing can match.");
    auto sort = param("sort");
    form.sort_by_date = sort == "date";
    if (!sort.empty() && sort != "date" && sort != "relevance")
        form.notes.push_back("Results can be sorted by relevance or by date; relevance was used.");
    form.request.order =
        form.sort_by_date ? StorySearch::Order::newest : StorySearch::Order::relevance;
    if (auto page = param("page"); !page.empty()) {
        auto n = parse_int(page);
        if (n && *n >= 1)
            form.request.page = static_cast<int>(std::min<int64_t>(*n, search::kMaxPage + 1));
        else
            form.notes.push_back("The page number was not a number, so the first page is shown.");
    }
    return form;
}

std::string SearchForm::query_string(int page) const {
    std::string out = "q=" + url_encode(q);
    if (!section.empty()) out += "&section=" + url_encode(section);
    if (!author.empty()) out += "&author=" + url_encode(author);
    if (!from.empty()) out += "&from=" + from;
    if (!to.empty()) out += "&to=" + to;
    if (sort_by_date) out += "&sort=date";
    if (page > 1) out += "&page=" + std::to_string(page);
    return out;
}

}  // namespace dateline

// The themed search page (templates/search.mustache).
#include "model/dependencies.h"
#include "model/slug.h"
#include "site/pages.h"
#include "site/search_form.h"
#include "site/views.h"
#include "util/strings.h"

namespace dateline {

namespace {

// Search pages change with every publish and every query: short-lived in
// shared caches, and never kept in the page cache (docs/search.md).
const std::string kSearchCacheControl = "public, max-age=30";

View option(std::string value, std::string label, bool selected) {
    View v;
    v.set("value", std::move(value));
    v.set("label", std::move(label));
    v.set("selected", selected);
    return v;
}

std::string in_quotes(std::string_view text) {
    return "\u201c" + std::string(text) + "\u201d";
}

}  // namespace

RenderedPage PageBuilder::search(const SearchForm& form, const search::SearchResults& results,
                                 const std::vector<SearchTermCount>& popular,
                                 const std::vector<Author>& authors) {
    ViewContext ctx{nav_, *parts_.theme, parts_.time, parts_.info, now_};
    bool has_query = !form.q.empty();
    std::string title = has_query ? "Search: " + form.q : "Search";
    View v = layout_view(ctx, title, "Search the stories of " + parts_.info.title + ".", "/search");
    // Result pages are endless and change all the time: not for search engines.
    if (const View* page = v.get("page")) {
        View copy = *page;
        copy.set("noindex", true);
        v.set("page", std::move(copy));
    }

    View s;
    s.set("q", form.q);
    s.set("has_query", has_query);
    View sections = view_list();
    sections.push_back(option("", "All sections", form.section.empty()));
    for (const Section* top : nav_.top_level()) {
        sections.push_back(option(top->slug, top->name, form.section == top->slug));
        for (const Section* child : nav_.children_of(top->id))
            sections.push_back(
                option(child->slug, top->name + " › " + child->name, form.section == child->slug));
    }
    s.set("sections", sections);
    View author_options = view_list();
    author_options.push_back(option("", "Any author", form.author.empty()));
    for (const auto& a : authors)
        author_options.push_back(option(a.slug, a.name, form.author == a.slug));
    s.set("authors", author_options);
    s.set("from", form.from);
    s.set("to", form.to);
    s.set("sort_date", form.sort_by_date);

    View notes = view_list();
    for (const auto& n : form.notes)
        notes.push_back(View(n));
    for (const auto& n : results.notes)
        notes.push_back(View(n));
    s.set("notes", notes);
    s.set("has_notes", !notes.is_empty_list());

    if (has_query && !results.query.empty()) {
        std::string summary;
        if (results.results.empty())
            summary = results.page > 1 ? "No more results for " + in_quotes(form.q) + "."
                                       : "No stories match " + in_quotes(form.q) + ".";
        else if (results.total == 1)
            summary = "1 story matches " + in_quotes(form.q) + ".";
        else
            summary = (results.bounded ? "More than " : "") + grouped_digits(results.total) +
                      " stories match " + (results.any_word ? "some of the words of " : "") +
                      in_quotes(form.q) + ".";
        s.set("summary", summary);
    } else {
        s.set("summary", false);
    }
    s.set("any_word", results.any_word);
    View list = view_list();
    for (const auto& r : results.results) {
        View item = card_view(ctx, r.story);
        item.set("headline_html", r.headline_html);
        item.set("snippet_html", r.snippet_html);
        list.push_back(std::move(item));
    }
    s.set("results", list);

    View pagination;
    if (results.page > 1 || results.has_more) {
        pagination.set("show", true);
        pagination.set("current", std::to_string(results.page));
        if (results.page > 1)
            pagination.set("prev_url", "/search?" + form.query_string(results.page - 1));
        if (results.has_more && results.page < search::kMaxPage)
            pagination.set("next_url", "/search?" + form.query_string(results.page + 1));
    }
    s.set("pagination", pagination);

    View terms = view_list();
    if (!has_query) {
        for (const auto& p : popular) {
            View term;
            term.set("term", p.term);
            term.set("url", "/search?q=" + url_encode(p.term));
            terms.push_back(std::move(term));
        }
    }
    s.set("popular", terms);
    s.set("has_popular", !terms.is_empty_list());
    v.set("search", s);
    v.set("rails", rails(std::nullopt));
    RenderedPage page = finish("search", v, {}, 200, kSearchCacheControl);
    page.cacheable = false;
    return page;
}

}  // namespace dateline

#include "site/pages.h"

#include "content/body.h"
#include "feeds/oembed.h"
#include "model/dependencies.h"
#include "model/related.h"
#include "model/slug.h"
#include "site/structured_data.h"
#include "site/views.h"
#include "util/strings.h"

namespace dateline {

namespace {
const std::string kPageCacheControl = "public, max-age=60, stale-while-revalidate=30";
// Related stories: how many to show, how many of each shared tag's newest
// stories to weigh, and how far a tag's stories are counted for its weight.
constexpr size_t kRelatedShown = 4;
constexpr int kRelatedPerTag = 30;
constexpr int64_t kTagFrequencyCap = 1000;

std::string share_text(std::string_view headline, std::string_view url) {
    return url_encode(std::string(headline) + " " + std::string(url));
}
}  // namespace

PageBuilder::PageBuilder(SiteParts& parts, const Navigation& nav, SharedParts shared)
    : parts_(parts),
      nav_(nav),
      shared_(std::move(shared)),
      rails_(*shared_.rails),
      now_(parts.clock.now()) {}

RenderedPage PageBuilder::finish(std::string_view template_name, const View& view,
                                 std::vector<std::string> dependencies, int status,
                                 std::string cache_control, std::optional<Timestamp> modified) {
    http::Response r;
    r.status = status;
    r.last_modified = modified;
    r.body = parts_.theme->render(template_name, view);
    r.cache_control = std::move(cache_control);
    RenderedPage page;
    page.response = http::prepare(std::move(r));
    page.dependencies = std::move(dependencies);
    return page;
}

std::vector<StoryCardCache::Card> PageBuilder::cards_of(const std::vector<int64_t>& ids,
                                                        const ImagePlacement& placement) {
    ViewContext ctx{nav_, *parts_.theme, parts_.time, parts_.info, now_};
    return shared_.cards.cards(
        ids, &placement, shared_.cards_ticket,
        [&](const std::vector<int64_t>& missing) {
            return parts_.store.stories().summaries(missing);
        },
        [&](const StorySummary& story) { return card_view(ctx, story, placement); });
}

View PageBuilder::card_list(const std::vector<StoryCardCache::Card>& cards) {
    View list = view_list();
    for (const auto& card : cards)
        list.push_back(View(card.view));
    return list;
}

// Latest News, Top Stories and Impact Shorts, beside most pages.
View PageBuilder::rails(std::optional<int64_t> exclude_story) {
    ViewContext ctx{nav_, *parts_.theme, parts_.time, parts_.info, now_};
    // The shared lists hold one story more than each rail shows, for the
    // page that leaves its own story out.
    auto shared_cards = [&](const std::vector<StoryCardCache::Card>& cards, size_t count) {
        View list = view_list();
        size_t shown = 0;
        for (size_t i = 0; i < cards.size() && shown < count; ++i)
            if (cards[i].story->id != exclude_story.value_or(0)) {
                list.push_back(View(cards[i].view));
                ++shown;
            }
        return list;
    };
    View v;
    v.set("latest", shared_cards(rails_.latest, 6));
    View top = shared_cards(rails_.top_stories, 5);
    v.set("has_top_stories", !top.items().empty());
    v.set("top_stories", std::move(top));
    View shorts = view_list();
    for (const auto& s : rails_.shorts)
        shorts.push_back(short_view(ctx, s));
    v.set("shorts", shorts);
    v.set("has_shorts", !rails_.shorts.empty());
    return v;
}

RenderedPage PageBuilder::home() {
    ViewContext ctx{nav_, *parts_.theme, parts_.time, parts_.info, now_};
    const auto& settings = parts_.theme->settings();
    PageMeta meta;
    std::string logo = absolute_url(parts_.info, parts_.theme->asset_url("logo.svg"));
    meta.json_ld = {json_ld_script(organization_ld(parts_.info, logo)),
                    json_ld_script(website_ld(parts_.info))};
    View v = layout_view(ctx, "", parts_.info.description, "/", {}, meta);
    v.set("is_home", true);

    // The lead and Top Stories come from the editors' collection; Latest
    // News fills in when it is empty.
    auto top = rails_.top_stories;
    StoryQuery latest_query;
    latest_query.limit = settings.home_latest + 8;
    latest_query.count_total = false;
    auto latest = cards_of(parts_.store.stories().latest_ids(latest_query).items, kCardImage);
    if (top.empty() && !latest.empty()) top.push_back(latest.front());

    std::vector<int64_t> shown;
    if (!top.empty()) {
        const StorySummary& first = *top.front().story;
        View lead = card_view(ctx, first);
        if (first.hero) {
            View picture = image_view(*first.hero, kLeadImage);
            picture.set("alt", "");  // the lead's headline link says it
            lead.set("image", picture);
        }
        v.set("lead", lead);
        shown.push_back(first.id);
    }
    View top_list = view_list();
    for (size_t i = 1; i < top.size() && i <= 6; ++i) {
        top_list.push_back(View(top[i].view));
        shown.push_back(top[i].story->id);
    }
    v.set("top_stories", top_list);
    View latest_list = view_list();
    int count = 0;
    for (const auto& card : latest) {
        if (std::find(shown.begin(), shown.end(), card.story->id) != shown.end()) continue;
        if (count++ >= settings.home_latest) break;
        latest_list.push_back(View(card.view));
    }
    v.set("latest", latest_list);

    View blocks = view_list();
    std::vector<std::string> deps{"home", std::string(deps::kLatest), std::string(deps::kShorts),
                                  deps::collection(kTopStoriesCollection)};
    int block_count = 0;
    for (const Section* section : nav_.top_level()) {
        if (block_count >= settings.home_section_blocks) break;
        StoryQuery q;
        q.section_id = section->id;
        q.limit = settings.home_per_section;
        q.count_total = false;
        auto ids = parts_.store.stories().latest_ids(q).items;
        if (ids.empty()) continue;
        // The first drawn across the block, the rest as cards.
        auto first = cards_of({ids.front()}, kWideCardImage);
        if (first.empty()) continue;
        ids.erase(ids.begin());
        View block;
        block.set("name", section->name);
        block.set("slug", section->slug);
        block.set("url", section_path(section->slug));
        block.set("first", View(first.front().view));
        block.set("stories", card_list(cards_of(ids, kCardImage)));
        blocks.push_back(block);
        deps.push_back(deps::section(section->slug));
        ++block_count;
    }
    v.set("section_blocks", blocks);

    View shorts = view_list();
    for (const auto& s : parts_.store.shorts().latest(settings.shorts_rail))
        shorts.push_back(short_view(ctx, s));
    v.set("shorts", shorts);
    View shows = view_list();
    for (const auto& s : nav_.shows) {
        View show;
        show.set("name", s.name);
        show.set("url", "/show/" + s.slug);
        show.set("description", s.description);
        shows.push_back(show);
    }
    v.set("shows", shows);
    add_most_read(v, deps);
    return finish("home", v, std::move(deps));
}

std::optional<RenderedPage> PageBuilder::story(int64_t id, std::string_view requested_path) {
    auto page = parts_.store.stories().published_page(id);
    if (!page) return std::nullopt;
    ViewContext ctx{nav_, *parts_.theme, parts_.time, parts_.info, now_};
    const Story& s = page->story;
    std::string path = story_path(page->section.slug, s.slug, s.id);
    if (path != requested_path)
        return RenderedPage{http::prepare(http::Response::redirect(301, path)), {}, false};
    std::string url = absolute_url(parts_.info, path);
    Timestamp published = s.published_at.value_or(s.created_at);
    PageMeta meta;
    meta.og_type = "article";
    meta.image = page->hero;
    meta.article.emplace_back("article:published_time", parts_.time.iso_local(published));
    meta.article.emplace_back(
        "article:modified_time",
        parts_.time.iso_local(std::max(published, s.content_updated_at.value_or(published))));
    meta.article.emplace_back("article:section", page->section.name);
    for (const auto& t : page->tags)
        meta.article.emplace_back("article:tag", t.name);
    meta.oembed_url = feeds::oembed_endpoint(parts_.info.base_url, url);
    std::string logo = absolute_url(parts_.info, parts_.theme->asset_url("logo.svg"));
    std::vector<std::pair<std::string, std::string>> crumbs_ld{
        {"Home", absolute_url(parts_.info, "/")}};
    if (page->parent_section)
        crumbs_ld.emplace_back(page->parent_section->name,
                               absolute_url(parts_.info, section_path(page->parent_section->slug)));
    crumbs_ld.emplace_back(page->section.name,
                           absolute_url(parts_.info, section_path(page->section.slug)));
    crumbs_ld.emplace_back(s.headline, url);
    meta.json_ld = {json_ld_script(news_article_ld(*page, parts_.info, parts_.time, url, logo)),
                    json_ld_script(breadcrumb_ld(crumbs_ld))};
    View v = layout_view(ctx, s.headline, s.standfirst, path, page->section.slug, meta);
    v.set("is_story", true);

    View story;
    story.set("id", std::to_string(s.id));
    story.set("headline", s.headline);
    story.set("standfirst", s.standfirst);
    story.set("url", path);
    auto label = kind_label(s.kind);
    if (!label.empty()) {
        story.set("kind_label", std::string(label));
        story.set("kind", to_string(s.kind));
    }
    story.set("published_iso", parts_.time.iso_local(published));
    story.set("dateline", parts_.time.dateline(published));
    if (s.content_updated_at && *s.content_updated_at > published) {
        story.set("updated_iso", parts_.time.iso_local(*s.content_updated_at));
        story.set("updated", parts_.time.dateline(*s.content_updated_at));
    }
    int minutes = std::max(1, (s.word_count + 219) / 220);
    story.set("reading_time", std::to_string(minutes) + " min read");

    View breadcrumb = view_list();
    auto crumb = [&](std::string name, std::string url_path) {
        View c;
        c.set("name", std::move(name));
        c.set("url", std::move(url_path));
        breadcrumb.push_back(c);
    };
    crumb("Home", "/");
    if (page->parent_section)
        crumb(page->parent_section->name, section_path(page->parent_section->slug));
    crumb(page->section.name, section_path(page->section.slug));
    story.set("breadcrumb", breadcrumb);
    View section;
    section.set("name", page->section.name);
    section.set("url", section_path(page->section.slug));
    story.set("section", section);

    View authors = view_list();
    for (size_t i = 0; i < page->authors.size(); ++i) {
        const auto& a = page->authors[i];
        View author;
        author.set("name", a.name);
        author.set("url", "/author/" + a.slug);
        author.set("title", a.title);
        if (a.kind == AuthorKind::desk) author.set("desk", true);
        if (i + 1 < page->authors.size())
            author.set("separator", i + 2 == page->authors.size() ? " and " : ", ");
        authors.push_back(author);
    }
    story.set("authors", authors);

    View share;
    share.set("whatsapp", "https://wa.me/?text=" + share_text(s.headline, url));
    share.set("facebook", "https://www.facebook.com/sharer/sharer.php?u=" + url_encode(url));
    share.set("x", "https://twitter.com/intent/tweet?url=" + url_encode(url) +
                       "&text=" + url_encode(s.headline));
    share.set("email", "mailto:?subject=" + url_encode(s.headline) + "&body=" + url_encode(url));
    story.set("share", share);
    if (page->hero) story.set("hero", image_view(*page->hero, kHeroImage));

    // The body with the in-article ad slot after the configured paragraph,
    // when the story is long enough to carry one.
    size_t cut = offset_after_paragraph(s.body_html, parts_.theme->settings().ad_after_paragraph);
    if (cut != std::string_view::npos && cut < s.body_html.size()) {
        story.set("body_before_ad", s.body_html.substr(0, cut));
        story.set("body_after_ad", s.body_html.substr(cut));
        story.set("has_ad", true);
    } else {
        story.set("body_before_ad", s.body_html);
    }
    if (s.agency_credit) story.set("agency_credit", parts_.info.agency_credit);

    View tags = view_list();
    for (const auto& t : page->tags) {
        View tag;
        tag.set("name", t.name);
        tag.set("url", "/tag/" + t.slug);
        tags.push_back(tag);
    }
    story.set("tags", tags);
    story.set("has_tags", !page->tags.empty());
    View events = view_list();
    for (const auto& e : page->events) {
        View event;
        event.set("name", e.name);
        event.set("url", "/event/" + e.slug);
        events.push_back(event);
    }
    story.set("events", events);
    if (page->show) {
        View show;
        show.set("name", page->show->name);
        show.set("url", "/show/" + page->show->slug);
        story.set("show", show);
    }
    v.set("story", story);

    StoryQuery more;
    more.section_id = page->section.id;
    more.exclude_id = s.id;
    more.limit = 4;
    more.count_total = false;
    auto more_from = cards_of(parts_.store.stories().latest_ids(more).items, kWideCardImage);
    v.set("more_from_section", card_list(more_from));
    v.set("rails", rails(s.id));

    auto deps = deps::touched_by(*page);
    // Related: new stories on its tags reach it through the tag keys above.
    std::vector<int64_t> shown{s.id};
    for (const auto& m : more_from)
        shown.push_back(m.story->id);
    auto related = cards_of(rank_related(parts_.store.readership().related_inputs(
                                             s.id, kRelatedPerTag, kTagFrequencyCap),
                                         shown, kRelatedShown),
                            kCardImage);
    v.set("related", card_list(related));
    v.set("has_related", !related.empty());
    for (const auto& r : related)
        deps.push_back(deps::story(r.story->id));
    add_most_read(v, deps);
    deps.push_back(std::string(deps::kShorts));
    deps.push_back(deps::collection(kTopStoriesCollection));
    if (s.hero_media_id) deps.push_back(deps::media(*s.hero_media_id));
    // Last-Modified tells crawlers when the story itself changed; the rails
    // around it change more often, which the ETag covers.
    return finish("story", v, std::move(deps), 200, kPageCacheControl,
                  s.content_updated_at.value_or(published));
}

void PageBuilder::add_most_read(View& v, std::vector<std::string>& deps) {
    v.set("most_read", card_list(rails_.most_read));
    v.set("has_most_read", !rails_.most_read.empty());
    deps.emplace_back(deps::kMostRead);
    for (const auto& card : rails_.most_read)
        deps.push_back(deps::story(card.story->id));
}

std::optional<RenderedPage> PageBuilder::listing(Listing kind, std::string_view slug, int page) {
    ViewContext ctx{nav_, *parts_.theme, parts_.time, parts_.info, now_};
    StoryQuery q;
    std::string name, description, base_path, dependency, heading_kind, current_section;
    View extra;
    switch (kind) {
        case Listing::section: {
            const Section* s = nav_.section_by_slug(slug);
            if (!s) return std::nullopt;
            q.section_id = s->id;
            name = s->name;
            description = s->description;
            base_path = section_path(s->slug);
            dependency = deps::section(s->slug);
            current_section = s->slug;
            View children = view_list();
            for (const Section* c : nav_.children_of(s->id)) {
                View child;
                child.set("name", c->name);
                child.set("url", section_path(c->slug));
                children.push_back(child);
            }
            extra.set("subsections", children);
            break;
        }
        case Listing::tag: {
            auto t = parts_.store.tags().by_slug(slug);
            if (!t) return std::nullopt;
            q.tag_id = t->id;
            name = t->name;
            description = t->description.empty() ? "The latest stories about " + t->name + "."
                                                 : t->description;
            base_path = "/tag/" + t->slug;
            dependency = deps::tag(t->slug);
            heading_kind = "Topic";
            break;
        }
        case Listing::author: {
            auto a = parts_.store.authors().by_slug(slug);
            if (!a) return std::nullopt;
            q.author_id = a->id;
            name = a->name;
            description = a->bio.empty() ? "Stories by " + a->name + "." : a->bio;
            base_path = "/author/" + a->slug;
            dependency = deps::author(a->slug);
            heading_kind = a->kind == AuthorKind::desk ? "Desk" : "Author";
            extra.set("author_title", a->title);
            extra.set("author_bio", a->bio);
            extra.set("is_author", true);
            break;
        }
        case Listing::show: {
            auto s = parts_.store.shows().by_slug(slug);
            if (!s) return std::nullopt;
            q.show_id = s->id;
            name = s->name;
            description = s->description;
            base_path = "/show/" + s->slug;
            dependency = deps::show(s->slug);
            heading_kind = "Show";
            break;
        }
        case Listing::event: {
            auto e = parts_.store.events().by_slug(slug);
            if (!e) return std::nullopt;
            q.event_id = e->id;
            name = e->name;
            description = e->description;
            base_path = "/event/" + e->slug;
            dependency = deps::event(e->slug);
            heading_kind = "Event";
            break;
        }
    }
    // One row more than a page says whether an older page exists; counting
    // a section of a million-story archive would cost more than the page.
    int size = parts_.theme->settings().page_size;
    q.limit = size + 1;
    q.offset = (page - 1) * size;
    q.count_total = false;
    auto ids = parts_.store.stories().latest_ids(q).items;
    bool has_older = static_cast<int>(ids.size()) > size;
    if (has_older) ids.pop_back();
    auto stories = cards_of(ids, kCardImage);
    if (page > 1 && stories.empty()) return std::nullopt;

    std::string canonical = page == 1 ? base_path : base_path + "?page=" + std::to_string(page);
    std::string title = page == 1 ? name : name + " — page " + std::to_string(page);
    PageMeta meta;
    if (kind == Listing::section || kind == Listing::tag || kind == Listing::author)
        meta.feeds.emplace_back(name + " | " + parts_.info.title, base_path);
    View v = layout_view(ctx, title, description, canonical, current_section, meta);
    v.set("is_listing", true);
    View listing = extra;
    listing.set("name", name);
    listing.set("kind", heading_kind);
    listing.set("description", description);
    listing.set("stories", card_list(stories));
    listing.set("empty", stories.empty());
    listing.set("pagination", pagination_view(base_path, page, has_older));
    v.set("listing", listing);
    v.set("rails", rails(std::nullopt));
    return finish("listing", v,
                  {dependency, std::string(deps::kLatest), std::string(deps::kShorts),
                   deps::collection(kTopStoriesCollection)});
}

std::optional<RenderedPage> PageBuilder::static_page(std::string_view slug) {
    auto p = parts_.store.pages().by_slug(slug);
    if (!p) return std::nullopt;
    ViewContext ctx{nav_, *parts_.theme, parts_.time, parts_.info, now_};
    View v = layout_view(ctx, p->title, "", "/" + p->slug);
    View page;
    page.set("title", p->title);
    page.set("body", p->body_html);
    page.set("updated", parts_.time.date(p->updated_at));
    v.set("static_page", page);
    return finish("page", v, {deps::page(p->slug)}, 200, kPageCacheControl, p->updated_at);
}

RenderedPage PageBuilder::not_found(int status) {
    ViewContext ctx{nav_, *parts_.theme, parts_.time, parts_.info, now_};
    View v = layout_view(ctx, status == 410 ? "Page removed" : "Page not found", "", "/");
    if (status == 410) v.set("gone", true);
    std::vector<StoryCardCache::Card> latest(
        rails_.latest.begin(), rails_.latest.begin() + std::min<size_t>(rails_.latest.size(), 6));
    v.set("latest", card_list(latest));
    View sections = view_list();
    for (const Section* s : nav_.top_level()) {
        View item;
        item.set("name", s->name);
        item.set("url", section_path(s->slug));
        sections.push_back(item);
    }
    v.set("sections", sections);
    return finish("not_found", v, {std::string(deps::kLatest)}, status, "no-cache");
}

}  // namespace dateline

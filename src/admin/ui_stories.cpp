// Admin pages for stories: the list with filters, the editor with workflow
// buttons, history with diffs and restore.
#include "admin/ui_support.h"
#include "model/slug.h"
#include "util/strings.h"

namespace dateline {

namespace {

const char* status_label(std::string_view status) {
    if (status == "draft") return "Draft";
    if (status == "in_review") return "In review";
    if (status == "scheduled") return "Scheduled";
    if (status == "published") return "Published";
    if (status == "unpublished") return "Unpublished";
    if (status == "archived") return "Archived";
    return "Unknown";
}

std::optional<int64_t> optional_number(const std::string& text) {
    if (text.empty()) return std::nullopt;
    auto n = parse_int(text);
    if (!n || *n <= 0) return std::nullopt;
    return n;
}

// The story fields of the edit form; bad values become field errors.
StoryChanges read_form(const Form& form, const SiteTime& time, std::vector<FieldError>& errors) {
    StoryChanges c;
    c.headline = form.get("headline");
    c.standfirst = form.get("standfirst");
    std::string slug(trim(form.get("slug")));
    if (!slug.empty()) c.slug = slug;
    if (auto section = optional_number(form.get("section_id")))
        c.section_id = *section;
    else
        errors.push_back({"section_id", "choose a section"});
    if (auto kind = parse_story_kind(form.get("kind"))) c.kind = *kind;
    c.body = form.get("body");
    c.body_format = BodyFormat::markdown;
    c.hero_media_id = optional_number(form.get("hero_media_id"));
    c.agency_credit = form.has("agency_credit");
    std::vector<int64_t> authors, tags, events;
    for (const auto& v : form.all("author_ids"))
        if (auto id = optional_number(v)) authors.push_back(*id);
    for (const auto& v : form.all("tag_ids"))
        if (auto id = optional_number(v)) tags.push_back(*id);
    for (const auto& v : form.all("event_ids"))
        if (auto id = optional_number(v)) events.push_back(*id);
    c.author_ids = authors;
    c.tag_ids = tags;
    c.event_ids = events;
    std::string embargo = form.get("embargo_until");
    if (embargo.empty()) {
        c.embargo_until = std::optional<Timestamp>();
    } else if (auto t = time.parse_input_local(embargo)) {
        c.embargo_until = std::optional<Timestamp>(*t);
    } else {
        errors.push_back({"embargo_until", "the embargo time is not a date and time"});
    }
    return c;
}

// What the form shows: the stored story, or what was typed over it.
json typed_story(const json& stored, const Form& form) {
    json s = stored;
    for (const char* key : {"headline", "standfirst", "slug", "body"})
        s[key] = form.get(key);
    if (auto id = optional_number(form.get("section_id"))) s["section_id"] = *id;
    s["kind"] = form.get("kind");
    for (const char* key : {"author_ids", "tag_ids", "event_ids"}) {
        json ids = json::array();
        for (const auto& v : form.all(key))
            if (auto id = optional_number(v)) ids.push_back(*id);
        s[key] = ids;
    }
    auto hero = optional_number(form.get("hero_media_id"));
    s["hero_media_id"] = hero ? json(*hero) : json();
    s["agency_credit"] = form.has("agency_credit");
    return s;
}

bool contains(const json& list, int64_t id) {
    if (!list.is_array()) return false;
    for (const auto& v : list)
        if (v.is_number_integer() && v.get<int64_t>() == id) return true;
    return false;
}

// Two editors saved one story: keeps what this editor changed since the
// version they opened, takes the other editor's value for every other field,
// and returns the fields both changed (this editor's value stays in the form).
json merge_edits(Store& store, int64_t story_id, int64_t base_version, json& typed,
                 const json& current) {
    json base;
    for (const auto& r : store.revisions().for_story(story_id, 200, 0))
        if (r.version == base_version) {
            base = json::parse(r.snapshot, nullptr, false);
            break;
        }
    json both = json::array();
    if (!base.is_object()) return both;
    for (const char* key :
         {"headline", "standfirst", "slug", "body", "section_id", "kind", "author_ids", "tag_ids",
          "event_ids", "hero_media_id", "agency_credit"}) {
        if (!base.contains(key) || !current.contains(key)) continue;
        bool mine = typed[key] != base[key];
        bool theirs = current.at(key) != base[key];
        if (!mine)
            typed[key] = current.at(key);
        else if (theirs && typed[key] != current.at(key))
            both.push_back(key);
    }
    return both;
}

UiResult editor(UiCall& call, UiContext& ui, json story, UiPage page) {
    Store& store = ui.store();
    const Principal& who = *call.who;
    int64_t id = story.value("id", int64_t{0});
    std::string status = story.value("status", std::string("draft"));
    std::optional<int64_t> owner;
    if (story.contains("owner_id") && story["owner_id"].is_number_integer())
        owner = story["owner_id"].get<int64_t>();
    if (!id) owner = who.user.id;

    json sections = json::array();
    int64_t section_id = story.value("section_id", int64_t{0});
    for (const auto& s : store.sections().list())
        sections.push_back({{"id", s.id}, {"name", s.name}, {"selected", s.id == section_id}});
    json authors = json::array();
    for (const auto& a : store.authors().list())
        authors.push_back(
            {{"id", a.id}, {"name", a.name}, {"selected", contains(story["author_ids"], a.id)}});
    json tags = json::array();
    for (const auto& t : store.tags().list())
        tags.push_back(
            {{"id", t.id}, {"name", t.name}, {"selected", contains(story["tag_ids"], t.id)}});
    json events = json::array();
    for (const auto& e : store.events().list())
        events.push_back(
            {{"id", e.id}, {"name", e.name}, {"selected", contains(story["event_ids"], e.id)}});
    json media = json::array();
    int64_t hero =
        story["hero_media_id"].is_number_integer() ? story["hero_media_id"].get<int64_t>() : 0;
    ListQuery recent;
    recent.limit = 100;
    bool hero_listed = false;
    if (auto found = store.media().page(recent))
        for (const auto& m : found->items) {
            media.push_back({{"id", m.id},
                             {"label", m.alt.empty() ? m.path + " (no alt text)" : m.alt},
                             {"selected", m.id == hero}});
            hero_listed = hero_listed || m.id == hero;
        }
    if (hero && !hero_listed)
        if (auto m = store.media().by_id(hero))
            media.push_back({{"id", m->id}, {"label", m->alt}, {"selected", true}});
    json kinds = json::array();
    for (const char* k : {"news", "explainer", "opinion", "analysis", "live", "video"})
        kinds.push_back({{"value", k},
                         {"label", std::string(1, static_cast<char>(std::toupper(k[0]))) + (k + 1)},
                         {"selected", story.value("kind", std::string("news")) == k}});

    bool may_edit =
        authorize_story(who, Action::story_edit_own, Action::story_edit_any, owner).ok();
    bool may_publish =
        authorize_story(who, Action::story_publish_own, Action::story_publish_any, owner).ok();
    json& d = page.data;
    d["story"] = story;
    d["sections"] = sections;
    d["authors"] = authors;
    d["tags"] = tags;
    d["has_events"] = !events.empty();
    d["events"] = events;
    d["media"] = media;
    d["kinds"] = kinds;
    d["status_label"] = status_label(status);
    d["action"] = id ? "/admin/stories/" + std::to_string(id) : std::string("/admin/stories");
    d["zone"] = ui.time().abbreviation(ui.parts().api.clock.now());
    d["now_local"] = ui.time().input_local_seconds(ui.parts().api.clock.now());
    d["can_submit"] = status == "draft" && may_edit;
    d["can_send_back"] = status == "in_review" && may_edit;
    d["can_publish"] = may_publish && status != "published" && status != "archived";
    d["can_schedule"] = may_publish && status != "published" && status != "archived";
    d["can_unpublish"] = may_publish && (status == "published" || status == "archived");
    d["can_archive"] = may_publish && (status == "published" || status == "unpublished");
    if (status == "scheduled" || status == "published") {
        if (auto t = parse_iso8601(story.value("published_at", std::string())))
            d["publish_local"] = ui.time().input_local(*t);
    }
    if (story["embargo_until"].is_string())
        if (auto t = parse_iso8601(story["embargo_until"].get<std::string>()))
            d["embargo_local"] = ui.time().input_local(*t);
    if (status == "published" && id) {
        if (auto section = store.sections().by_id(section_id))
            d["public_url"] = story_path(section->slug, story.value("slug", std::string()), id);
    }
    if (auto saved = store.autosaves().find(who.user.id, id)) {
        auto updated = parse_iso8601(story.value("updated_at", std::string()));
        if (!id || !updated || saved->at > *updated)
            d["autosaved_at"] = ui.time().dateline(saved->at);
    }
    if (!d.contains("has_warnings")) d["has_warnings"] = false;
    page.template_name = "story_edit";
    page.nav = "stories";
    return ui.render(call, std::move(page));
}

// Saves the form, then moves the story when another button than Save was
// pressed; on failure shows the form again with what was typed.
UiResult save_story(UiCall& call, UiContext& ui, std::optional<int64_t> id) {
    StoryDesk& desk = ui.parts().api.desk;
    std::vector<FieldError> errors;
    StoryChanges changes = read_form(call.form, ui.time(), errors);
    std::string action = call.form.get("do");
    json stored = json::object();
    if (id) {
        auto story = ui.store().stories().by_id(*id);
        if (!story) return see_other("/admin/stories");
        stored = story_json(*story);
    } else {
        stored = {{"status", "draft"}, {"version", 0}, {"embargo_until", nullptr}};
    }
    auto fail = [&](const Error& error, const json* current) {
        UiPage page{"story_edit", id ? "Edit story" : "New story", "stories", json::object()};
        json typed = typed_story(stored, call.form);
        if (current) {
            int64_t base = parse_int(call.form.get("version")).value_or(0);
            json both = merge_edits(ui.store(), *id, base, typed, *current);
            page.data["conflict"] = true;
            page.data["current"] = *current;
            page.data["both_changed"] = join(both.get<std::vector<std::string>>(), ", ");
            typed["version"] = (*current)["version"];
        }
        show_error(page, error);
        if (current) page.status = 409;
        return editor(call, ui, typed, std::move(page));
    };
    if (!errors.empty()) return fail(Error::invalid_fields(errors), nullptr);

    std::optional<Timestamp> publish_at;
    if (action == "scheduled") {
        publish_at = ui.time().parse_input_local(call.form.get("publish_at"));
        if (!publish_at)
            return fail(Error::invalid("publish_at", "choose the date and time to publish at"),
                        nullptr);
    }
    Result<SavedStory> saved = Error::not_found("");
    if (id) {
        int64_t version = parse_int(call.form.get("version")).value_or(0);
        saved = desk.update(*call.who, *id, version, changes);
    } else {
        saved = desk.create(*call.who, changes);
    }
    if (!saved) {
        if (saved.error().kind == ErrorKind::conflict && id) {
            json current = story_json(*ui.store().stories().by_id(*id));
            return fail(saved.error(), &current);
        }
        return fail(saved.error(), nullptr);
    }
    int64_t story_id = saved->story.id;
    std::string flash = "saved";
    if (!action.empty() && action != "save") {
        auto status = parse_story_status(action);
        if (!status) return fail(Error::invalid("do", "unknown action"), nullptr);
        auto moved =
            desk.transition(*call.who, story_id, saved->story.version, *status, publish_at);
        if (!moved) {
            // The save went through; show the form at the new version.
            stored = story_json(saved->story);
            id = story_id;
            return fail(moved.error(), nullptr);
        }
        flash = action;
    }
    std::string location = "/admin/stories/" + std::to_string(story_id) + "?done=" + flash;
    if (!saved->warnings.empty()) location += "&warnings=" + std::to_string(saved->warnings.size());
    return see_other(location);
}

std::string done_message(const std::string& done) {
    if (done == "saved") return "Saved.";
    if (done == "in_review") return "Submitted for review.";
    if (done == "published") return "Published: it is on the site now.";
    if (done == "scheduled") return "Scheduled.";
    if (done == "unpublished") return "Unpublished: it is off the site.";
    if (done == "archived") return "Archived.";
    if (done == "draft") return "Back to draft.";
    if (done == "restored") return "Restored as a new version.";
    return {};
}

}  // namespace

void add_ui_story_routes(std::vector<UiRoute>& routes) {
    routes.push_back(
        {"GET", "/stories", true, [](UiCall& call, UiContext& ui) {
             const http::Request& r = call.request;
             AdminStoryQuery q;
             q.text = r.query_param("q").value_or("");
             std::string status = r.query_param("status").value_or("");
             q.status = parse_story_status(status);
             q.section_id = optional_number(r.query_param("section_id").value_or(""));
             q.author_id = optional_number(r.query_param("author_id").value_or(""));
             int offset =
                 static_cast<int>(parse_int(r.query_param("offset").value_or("0")).value_or(0));
             q.offset = std::max(0, offset);
             q.limit = 50;
             UiPage page{"stories", "Stories", "stories", json::object()};
             auto found = ui.store().stories().admin_list(q);
             json items = json::array();
             int64_t total = 0;
             if (!found) {
                 show_error(page, found.error());
             } else {
                 total = found->total;
                 for (const auto& s : found->items) {
                     std::vector<std::string> names;
                     for (const auto& a : s.authors)
                         names.push_back(a.name);
                     items.push_back({{"id", s.id},
                                      {"headline", s.headline},
                                      {"status", to_string(s.status)},
                                      {"status_label", status_label(to_string(s.status))},
                                      {"section", {{"name", s.section.name}}},
                                      {"byline", join(names, ", ")},
                                      {"published_local",
                                       s.published_at ? ui.time().dateline(*s.published_at) : ""},
                                      {"updated_local", ui.time().dateline(s.updated_at)}});
                 }
             }
             json& d = page.data;
             d["items"] = items;
             d["total"] = std::to_string(total);
             d["q"] = q.text;
             json statuses = json::array();
             for (const char* s :
                  {"draft", "in_review", "scheduled", "published", "unpublished", "archived"})
                 statuses.push_back(
                     {{"value", s}, {"label", status_label(s)}, {"selected", status == s}});
             d["statuses"] = statuses;
             json sections = json::array();
             for (const auto& s : ui.store().sections().list())
                 sections.push_back(
                     {{"id", s.id}, {"name", s.name}, {"selected", q.section_id == s.id}});
             d["sections"] = sections;
             json authors = json::array();
             for (const auto& a : ui.store().authors().list())
                 authors.push_back(
                     {{"id", a.id}, {"name", a.name}, {"selected", q.author_id == a.id}});
             d["authors"] = authors;
             auto link = [&](int at) {
                 std::string out = "/admin/stories?offset=" + std::to_string(at);
                 if (!q.text.empty()) out += "&q=" + url_encode(q.text);
                 if (!status.empty()) out += "&status=" + url_encode(status);
                 if (q.section_id) out += "&section_id=" + std::to_string(*q.section_id);
                 if (q.author_id) out += "&author_id=" + std::to_string(*q.author_id);
                 return out;
             };
             if (q.offset > 0) d["prev"] = link(std::max(0, q.offset - q.limit));
             if (q.offset + q.limit < total) d["next"] = link(q.offset + q.limit);
             return ui.render(call, std::move(page));
         }});
    routes.push_back({"GET", "/stories/new", true, [](UiCall& call, UiContext& ui) {
                          json story = {{"status", "draft"},           {"version", 0},
                                        {"author_ids", json::array()}, {"tag_ids", json::array()},
                                        {"hero_media_id", nullptr},    {"embargo_until", nullptr}};
                          if (call.who->user.author_id)
                              story["author_ids"].push_back(*call.who->user.author_id);
                          return editor(
                              call, ui, story,
                              UiPage{"story_edit", "New story", "stories", json::object()});
                      }});
    routes.push_back({"POST", "/stories", true, [](UiCall& call, UiContext& ui) {
                          return save_story(call, ui, std::nullopt);
                      }});
    routes.push_back(
        {"GET", "/stories/{id}", true, [](UiCall& call, UiContext& ui) {
             auto id = parse_int(call.params[0]);
             auto story = id ? ui.store().stories().by_id(*id) : std::nullopt;
             if (!story) return see_other("/admin/stories");
             UiPage page{"story_edit", "Edit: " + story->headline, "stories", json::object()};
             page.flash = done_message(call.request.query_param("done").value_or(""));
             if (auto w = call.request.query_param("warnings"))
                 page.flash += " The content pipeline changed " + *w +
                               " thing(s) in the body: see the preview.";
             return editor(call, ui, story_json(*story), std::move(page));
         }});
    routes.push_back({"POST", "/stories/{id}", true, [](UiCall& call, UiContext& ui) {
                          auto id = parse_int(call.params[0]);
                          if (!id) return see_other("/admin/stories");
                          return save_story(call, ui, *id);
                      }});
    routes.push_back(
        {"GET", "/stories/{id}/history", true, [](UiCall& call, UiContext& ui) {
             auto id = parse_int(call.params[0]);
             auto story = id ? ui.store().stories().by_id(*id) : std::nullopt;
             if (!story) return see_other("/admin/stories");
             auto revisions = ui.store().revisions().for_story(*id, 200, 0);
             int64_t chosen = parse_int(call.request.query_param("revision").value_or(""))
                                  .value_or(revisions.empty() ? 0 : revisions.front().id);
             UiPage page{"history", "History", "stories", json::object()};
             json list = json::array();
             for (size_t i = 0; i < revisions.size(); ++i) {
                 const Revision& r = revisions[i];
                 json item = revision_json(r, false);
                 item["at_local"] = ui.time().dateline(r.at);
                 item["changed_text"] = join(r.changed, ", ");
                 item["current"] = r.id == chosen;
                 list.push_back(item);
                 if (r.id != chosen) continue;
                 json before = i + 1 < revisions.size()
                                   ? json::parse(revisions[i + 1].snapshot, nullptr, false)
                                   : json::object();
                 json diff = snapshot_diff(before, json::parse(r.snapshot, nullptr, false));
                 for (auto& change : diff) {
                     change["has_lines"] = change.contains("lines");
                     if (!change.contains("lines")) {
                         change["before"] = change["before"].is_string()
                                                ? change["before"]
                                                : json(change["before"].dump());
                         change["after"] = change["after"].is_string()
                                               ? change["after"]
                                               : json(change["after"].dump());
                         continue;
                     }
                     json lines = json::array();
                     for (const auto& l : change["lines"]) {
                         std::string sign = l[0];
                         lines.push_back({{"sign", sign},
                                          {"text", l[1]},
                                          {"cls", sign == "+"   ? "added"
                                                  : sign == "-" ? "removed"
                                                                : "same"}});
                     }
                     change["lines"] = lines;
                 }
                 json selected = item;
                 selected["diff"] = diff;
                 selected["story_version"] = story->version;
                 page.data["revision"] = selected;
             }
             page.data["revisions"] = list;
             page.data["story"] = story_json(*story);
             return ui.render(call, std::move(page));
         }});
    routes.push_back({"POST", "/stories/{id}/restore", true, [](UiCall& call, UiContext& ui) {
                          auto id = parse_int(call.params[0]);
                          if (!id) return see_other("/admin/stories");
                          auto restored = ui.parts().api.desk.restore(
                              *call.who, *id, parse_int(call.form.get("version")).value_or(0),
                              parse_int(call.form.get("revision")).value_or(0));
                          if (restored)
                              return see_other("/admin/stories/" + std::to_string(*id) +
                                               "?done=restored");
                          auto story = ui.store().stories().by_id(*id);
                          if (!story) return see_other("/admin/stories");
                          UiPage page{"story_edit", "Edit story", "stories", json::object()};
                          show_error(page, restored.error());
                          return editor(call, ui, story_json(*story), std::move(page));
                      }});
}

}  // namespace dateline

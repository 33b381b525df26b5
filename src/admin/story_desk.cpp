#include "admin/story_desk.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "admin/store_content_context.h"
#include "content/body.h"
#include "model/dependencies.h"
#include "model/slug.h"
#include "util/strings.h"

namespace dateline {

using json = nlohmann::json;

namespace {

constexpr size_t kMaxHeadline = 300;
constexpr size_t kMaxStandfirst = 1000;

template <class T>
bool set_if(std::optional<T> value, T& field) {
    if (!value || *value == field) return false;
    field = std::move(*value);
    return true;
}

std::string section_slug(Store& store, int64_t id) {
    auto section = store.sections().by_id(id);
    return section ? section->slug : std::string();
}

// Which moves exist, and which permission each needs (docs/newsroom.md).
enum class Needs { none, edit, submit, publish };

Needs move_needs(StoryStatus from, StoryStatus to) {
    using enum StoryStatus;
    if (from == to) return Needs::none;
    switch (to) {
        case in_review:
            return from == draft ? Needs::submit : Needs::none;
        case draft:
            if (from == in_review) return Needs::edit;
            return (from == scheduled || from == unpublished || from == archived) ? Needs::publish
                                                                                  : Needs::none;
        case scheduled:
        case published:
            return from == archived ? Needs::none : Needs::publish;
        case unpublished:
            return (from == published || from == archived) ? Needs::publish : Needs::none;
        case archived:
            return (from == published || from == unpublished) ? Needs::publish : Needs::none;
    }
    return Needs::none;
}

}  // namespace

std::string story_snapshot(const Story& s) {
    json j = {{"headline", s.headline},
              {"standfirst", s.standfirst},
              {"slug", s.slug},
              {"section_id", s.section_id},
              {"kind", to_string(s.kind)},
              {"body_format", to_string(s.body_format)},
              {"body", s.body_source},
              {"hero_media_id", s.hero_media_id ? json(*s.hero_media_id) : json()},
              {"show_id", s.show_id ? json(*s.show_id) : json()},
              {"agency_credit", s.agency_credit},
              {"author_ids", s.author_ids},
              {"tag_ids", s.tag_ids},
              {"event_ids", s.event_ids},
              {"status", to_string(s.status)}};
    return j.dump();
}

Result<StoryChanges> changes_from_snapshot(std::string_view snapshot) {
    json j = json::parse(snapshot, nullptr, false);
    if (!j.is_object()) return Error::invalid("snapshot", "the revision is not readable");
    try {
        StoryChanges c;
        c.headline = j.at("headline").get<std::string>();
        c.standfirst = j.at("standfirst").get<std::string>();
        c.slug = j.at("slug").get<std::string>();
        c.section_id = j.at("section_id").get<int64_t>();
        c.kind = parse_story_kind(j.at("kind").get<std::string>());
        c.body_format = parse_body_format(j.at("body_format").get<std::string>());
        c.body = j.at("body").get<std::string>();
        auto optional_id = [&](const char* key) {
            const json& v = j.at(key);
            return v.is_null() ? std::optional<int64_t>()
                               : std::optional<int64_t>(v.get<int64_t>());
        };
        c.hero_media_id = optional_id("hero_media_id");
        c.show_id = optional_id("show_id");
        c.agency_credit = j.at("agency_credit").get<bool>();
        c.author_ids = j.at("author_ids").get<std::vector<int64_t>>();
        c.tag_ids = j.at("tag_ids").get<std::vector<int64_t>>();
        c.event_ids = j.at("event_ids").get<std::vector<int64_t>>();
        return c;
    } catch (const json::exception& e) {
        return Error::invalid("snapshot", std::string("the revision is not readable: ") + e.what());
    }
}

StoryDesk::StoryDesk(Store& store, const Clock& clock, std::string site_url, Invalidate invalidate)
    : store_(store),
      clock_(clock),
      site_url_(std::move(site_url)),
      invalidate_(std::move(invalidate)) {}

Result<Story> StoryDesk::apply(const Principal& who, Story story, const StoryChanges& c,
                               std::vector<std::string>& warnings,
                               std::vector<std::string>& changed) {
    std::vector<FieldError> errors;
    auto note = [&](bool did, const char* field) {
        if (did) changed.emplace_back(field);
    };
    if (c.headline) {
        std::string headline(trim(*c.headline));
        if (headline.empty())
            errors.push_back({"headline", "a headline is required"});
        else if (headline.size() > kMaxHeadline)
            errors.push_back({"headline", "the headline is longer than 300 characters"});
        note(set_if(std::optional(headline), story.headline), "headline");
    }
    if (c.standfirst) {
        if (c.standfirst->size() > kMaxStandfirst)
            errors.push_back({"standfirst", "the standfirst is longer than 1000 characters"});
        note(set_if(c.standfirst, story.standfirst), "standfirst");
    }
    if (c.slug) {
        if (!is_valid_slug(*c.slug))
            errors.push_back(
                {"slug", "a slug is lower-case letters, digits and hyphens, like 'budget-vote'"});
        note(set_if(c.slug, story.slug), "slug");
    } else if (story.slug.empty()) {
        story.slug = slugify(story.headline);
        if (story.slug.empty()) story.slug = "story";
    }
    if (c.section_id) {
        if (!store_.sections().by_id(*c.section_id))
            errors.push_back({"section_id", "choose a section"});
        note(set_if(c.section_id, story.section_id), "section_id");
    } else if (story.section_id == 0) {
        errors.push_back({"section_id", "choose a section"});
    }
    note(set_if(c.kind, story.kind), "kind");
    note(set_if(c.agency_credit, story.agency_credit), "agency_credit");
    if (c.hero_media_id && *c.hero_media_id && !store_.media().by_id(**c.hero_media_id))
        errors.push_back({"hero_media_id", "no image " + std::to_string(**c.hero_media_id)});
    note(set_if(c.hero_media_id, story.hero_media_id), "hero_media_id");
    note(set_if(c.show_id, story.show_id), "show_id");
    note(set_if(c.author_ids, story.author_ids), "author_ids");
    note(set_if(c.tag_ids, story.tag_ids), "tag_ids");
    note(set_if(c.event_ids, story.event_ids), "event_ids");
    note(set_if(c.embargo_until, story.embargo_until), "embargo_until");
    if (story.author_ids.empty() && who.user.author_id)
        story.author_ids.push_back(*who.user.author_id);

    bool format_changed = set_if(c.body_format, story.body_format);
    note(format_changed, "body_format");
    if ((c.body && *c.body != story.body_source) || format_changed || story.id == 0) {
        if (c.body) story.body_source = *c.body;
        StoreContentContext context(store_, site_url_);
        auto body = render_story_body(story.body_format, story.body_source, &context);
        if (!body) {
            errors.push_back({"body", body.error().message});
        } else {
            story.body_html = std::move(body->html);
            story.body_text = std::move(body->text);
            story.word_count = body->word_count;
            for (const auto& w : body->warnings)
                warnings.push_back(describe(w));
        }
        if (c.body) changed.emplace_back("body");
    }
    if (!errors.empty()) return Error::invalid_fields(std::move(errors));
    return story;
}

std::vector<std::string> StoryDesk::touched(int64_t story_id) {
    auto page = store_.stories().published_page(story_id);
    if (!page) return {};
    return deps::touched_by(*page);
}

Result<Story> StoryDesk::commit(const std::optional<Story>& before, Story story,
                                std::optional<int64_t> user_id, const char* kind,
                                const std::vector<std::string>& changed) {
    Timestamp now = clock_.now();
    story.updated_at = now;
    std::vector<std::string> keys;
    if (before) keys = touched(before->id);
    auto st = store_.transaction([&]() -> Status {
        if (!before) {
            story.created_at = now;
            auto id = store_.stories().create(story);
            if (!id) return id.error();
            story.id = *id;
            story.version = 1;
        } else {
            if (auto s = store_.stories().update(story); !s) return s;
            story.version += 1;
            // The old URL of a story that readers have seen moves with it.
            if (before->published_at && before->status != StoryStatus::draft) {
                std::string from =
                    story_path(section_slug(store_, before->section_id), before->slug, before->id);
                std::string to =
                    story_path(section_slug(store_, story.section_id), story.slug, story.id);
                if (from != to)
                    if (auto s = store_.redirects().put(Redirect{from, to, 301}); !s) return s;
            }
        }
        Revision revision;
        revision.story_id = story.id;
        revision.version = story.version;
        revision.user_id = user_id;
        revision.at = now;
        revision.kind = kind;
        revision.changed = changed;
        revision.snapshot = story_snapshot(story);
        if (auto id = store_.revisions().add(revision); !id) return id.error();
        for (auto& key : touched(story.id))
            keys.push_back(std::move(key));
        std::sort(keys.begin(), keys.end());
        keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
        if (!keys.empty()) return store_.changes().append(keys);
        return {};
    });
    if (!st) return st.error();
    if (!keys.empty() && invalidate_) invalidate_(keys);
    return story;
}

Result<SavedStory> StoryDesk::create(const Principal& who, const StoryChanges& changes) {
    if (auto st = authorize(who, Action::story_create); !st) return st.error();
    Story story;
    story.owner_id = who.user.id;
    story.status = StoryStatus::draft;
    SavedStory out;
    std::vector<std::string> changed;
    auto applied = apply(who, story, changes, out.warnings, changed);
    if (!applied) return applied.error();
    auto saved = commit(std::nullopt, std::move(*applied), who.user.id, "create", changed);
    if (!saved) return saved.error();
    out.story = std::move(*saved);
    store_.autosaves().remove(who.user.id, 0);
    return out;
}

Result<Story> StoryDesk::get(const Principal&, int64_t id) {
    auto story = store_.stories().by_id(id);
    if (!story) return Error::not_found("no story " + std::to_string(id));
    return std::move(*story);
}

namespace {
Status check_version(const Story& story, int64_t version) {
    if (story.version == version) return {};
    return Error::conflict(
        "story " + std::to_string(story.id) + " was changed by someone else: it is at version " +
        std::to_string(story.version) + ", you edited version " + std::to_string(version));
}

Status authorize_edit(const Principal& who, const Story& story) {
    if (auto st =
            authorize_story(who, Action::story_edit_own, Action::story_edit_any, story.owner_id);
        !st)
        return st;
    // Contributors hand a story over when they submit it.
    if (!role_allows(who.user.role, Action::story_publish_own) &&
        story.status != StoryStatus::draft)
        return Error::forbidden("a contributor may change a story only while it is a draft");
    return {};
}
}  // namespace

Result<SavedStory> StoryDesk::update(const Principal& who, int64_t id, int64_t version,
                                     const StoryChanges& changes) {
    return edit(who, id, version, changes, "save");
}

Result<SavedStory> StoryDesk::edit(const Principal& who, int64_t id, int64_t version,
                                   const StoryChanges& changes, const char* kind) {
    auto before = store_.stories().by_id(id);
    if (!before) return Error::not_found("no story " + std::to_string(id));
    if (auto st = authorize_edit(who, *before); !st) return st.error();
    if (auto st = check_version(*before, version); !st) return st.error();
    SavedStory out;
    std::vector<std::string> changed;
    auto applied = apply(who, *before, changes, out.warnings, changed);
    if (!applied) return applied.error();
    Story story = std::move(*applied);
    if (changed.empty()) {
        out.story = std::move(story);
        return out;
    }
    bool content = std::any_of(changed.begin(), changed.end(), [](const std::string& f) {
        return f == "headline" || f == "standfirst" || f == "body" || f == "hero_media_id";
    });
    if (content && story.status == StoryStatus::published) story.content_updated_at = clock_.now();
    auto saved = commit(before, std::move(story), who.user.id, kind, changed);
    if (!saved) return saved.error();
    out.story = std::move(*saved);
    store_.autosaves().remove(who.user.id, id);
    return out;
}

Result<SavedStory> StoryDesk::transition(const Principal& who, int64_t id, int64_t version,
                                         StoryStatus to, std::optional<Timestamp> publish_at) {
    auto before = store_.stories().by_id(id);
    if (!before) return Error::not_found("no story " + std::to_string(id));
    Needs needs = move_needs(before->status, to);
    if (needs == Needs::none)
        return Error::invalid("status", std::string("a story cannot move from ") +
                                            to_string(before->status) + " to " + to_string(to));
    Status allowed;
    switch (needs) {
        case Needs::edit:
            allowed = authorize_story(who, Action::story_edit_own, Action::story_edit_any,
                                      before->owner_id);
            break;
        case Needs::submit:
            allowed = authorize_story(who, Action::story_submit, Action::story_edit_any,
                                      before->owner_id);
            break;
        default:
            allowed = authorize_story(who, Action::story_publish_own, Action::story_publish_any,
                                      before->owner_id);
    }
    if (!allowed) return allowed.error();
    if (auto st = check_version(*before, version); !st) return st.error();

    Timestamp now = clock_.now();
    Story story = *before;
    story.status = to;
    if (to == StoryStatus::scheduled) {
        if (!publish_at)
            return Error::invalid("publish_at", "choose when the story is to be published");
        if (*publish_at <= now)
            return Error::invalid("publish_at", "the publication time is in the past");
        if (story.embargo_until && *publish_at < *story.embargo_until)
            return Error::invalid("publish_at", "the story is under embargo until " +
                                                    format_iso8601(*story.embargo_until));
        story.published_at = *publish_at;
    } else if (to == StoryStatus::published) {
        if (story.embargo_until && now < *story.embargo_until)
            return Error::invalid("status", "the story is under embargo until " +
                                                format_iso8601(*story.embargo_until));
        if (publish_at && *publish_at > now)
            return Error::invalid("publish_at", "to publish later, schedule the story");
        // A first publication is dated now; a story back from unpublished
        // keeps its original date and shows as updated.
        if (before->status == StoryStatus::scheduled || !story.published_at)
            story.published_at = publish_at.value_or(now);
        else
            story.content_updated_at = now;
    } else if (before->status == StoryStatus::scheduled) {
        story.published_at.reset();
    }
    SavedStory out;
    auto saved = commit(before, std::move(story), who.user.id, "status", {"status"});
    if (!saved) return saved.error();
    out.story = std::move(*saved);
    return out;
}

Result<SavedStory> StoryDesk::restore(const Principal& who, int64_t id, int64_t version,
                                      int64_t revision_id) {
    auto revision = store_.revisions().by_id(revision_id);
    if (!revision || revision->story_id != id)
        return Error::not_found("story " + std::to_string(id) + " has no revision " +
                                std::to_string(revision_id));
    auto changes = changes_from_snapshot(revision->snapshot);
    if (!changes) return changes.error();
    return edit(who, id, version, *changes, "restore");
}

Status StoryDesk::remove(const Principal& who, int64_t id) {
    if (auto st = authorize(who, Action::story_delete); !st) return st;
    auto keys = touched(id);
    auto st = store_.transaction([&]() -> Status {
        if (auto s = store_.stories().remove(id); !s) return s;
        if (!keys.empty()) return store_.changes().append(keys);
        return {};
    });
    if (!st) return st;
    if (!keys.empty() && invalidate_) invalidate_(keys);
    return {};
}

Status StoryDesk::autosave(const Principal& who, int64_t story_id, std::string snapshot) {
    constexpr size_t kMaxAutosave = 2 * 1024 * 1024;
    if (snapshot.size() > kMaxAutosave)
        return Error::invalid("snapshot", "the draft is larger than 2 MB");
    if (story_id != 0) {
        auto story = store_.stories().by_id(story_id);
        if (!story) return Error::not_found("no story " + std::to_string(story_id));
        if (auto st = authorize_edit(who, *story); !st) return st;
    } else if (auto st = authorize(who, Action::story_create); !st) {
        return st;
    }
    store_.autosaves().put(Autosave{who.user.id, story_id, clock_.now(), std::move(snapshot)});
    return {};
}

int StoryDesk::publish_due() {
    int published = 0;
    for (int64_t id : store_.stories().due_scheduled(clock_.now())) {
        auto before = store_.stories().by_id(id);
        if (!before || before->status != StoryStatus::scheduled) continue;
        Story story = *before;
        story.status = StoryStatus::published;
        if (commit(before, std::move(story), std::nullopt, "status", {"status"})) ++published;
    }
    return published;
}

}  // namespace dateline

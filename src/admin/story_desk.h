// The editorial workflow of stories: create, edit, move between states,
// schedule, keep every save as a revision, autosave, restore. Every action
// is authorized against the permission matrix here; every write records the
// pages it touched in the change log and invalidates them at once.
//
//   draft -> in_review -> scheduled -> published -> unpublished / archived
//
// (docs/newsroom.md has the full transition table.)
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "admin/permissions.h"
#include "model/story.h"
#include "store/store.h"
#include "util/clock.h"
#include "util/status.h"

namespace dateline {

// The fields of a story an editor sets. A field left empty keeps its value
// (PATCH semantics); an inner empty optional clears it.
struct StoryChanges {
    std::optional<std::string> headline;
    std::optional<std::string> standfirst;
    std::optional<std::string> slug;
    std::optional<int64_t> section_id;
    std::optional<StoryKind> kind;
    std::optional<BodyFormat> body_format;
    std::optional<std::string> body;
    std::optional<std::optional<int64_t>> hero_media_id;
    std::optional<std::optional<int64_t>> show_id;
    std::optional<bool> agency_credit;
    std::optional<std::vector<int64_t>> author_ids;
    std::optional<std::vector<int64_t>> tag_ids;
    std::optional<std::vector<int64_t>> event_ids;
    std::optional<std::optional<Timestamp>> embargo_until;
};

struct SavedStory {
    Story story;
    std::vector<std::string> warnings;  // what the content pipeline changed, for the editor
};

// Called with the cache keys a write touched, after it committed.
using Invalidate = std::function<void(const std::vector<std::string>&)>;

class StoryDesk {
  public:
    // site_url: the public origin (internal links in bodies). All references
    // must outlive this object.
    StoryDesk(Store& store, const Clock& clock, std::string site_url, Invalidate invalidate);

    Result<SavedStory> create(const Principal& who, const StoryChanges& changes);
    // conflict when version is not the stored one: the message names the
    // current version; nothing is written.
    Result<SavedStory> update(const Principal& who, int64_t id, int64_t version,
                              const StoryChanges& changes);
    // Moves a story to another state. publish_at: required for scheduled
    // (in the future), optional for published (defaults to now).
    Result<SavedStory> transition(const Principal& who, int64_t id, int64_t version, StoryStatus to,
                                  std::optional<Timestamp> publish_at = {});
    // Restores the editable fields of a revision as a new save.
    Result<SavedStory> restore(const Principal& who, int64_t id, int64_t version,
                               int64_t revision_id);
    Status remove(const Principal& who, int64_t id);
    // The story, when who may see it in the newsroom (everyone may read).
    Result<Story> get(const Principal& who, int64_t id);

    // Autosave of the editor's unsaved state (story 0: not created yet).
    Status autosave(const Principal& who, int64_t story_id, std::string snapshot);

    // Publishes every scheduled story whose time has come; returns how many.
    // Runs on the scheduler's thread (and at start, for what came due while
    // the server was down).
    int publish_due();

  private:
    // update and restore: changes as a new revision of that kind.
    Result<SavedStory> edit(const Principal& who, int64_t id, int64_t version,
                            const StoryChanges& changes, const char* kind);
    Result<Story> apply(const Principal& who, Story story, const StoryChanges& changes,
                        std::vector<std::string>& warnings, std::vector<std::string>& changed);
    // Writes the story (create when id is 0) with its revision, redirects
    // and change-log entry in one transaction, then invalidates.
    Result<Story> commit(const std::optional<Story>& before, Story story,
                         std::optional<int64_t> user_id, const char* kind,
                         const std::vector<std::string>& changed);
    std::vector<std::string> touched(int64_t story_id);

    Store& store_;
    const Clock& clock_;
    std::string site_url_;
    Invalidate invalidate_;
};

// The editable fields of a story as a JSON object (a revision's snapshot).
std::string story_snapshot(const Story& story);
// The fields named in a snapshot, as changes; invalid for a broken snapshot.
Result<StoryChanges> changes_from_snapshot(std::string_view snapshot);

}  // namespace dateline

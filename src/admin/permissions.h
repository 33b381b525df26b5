// The newsroom's permission matrix (docs/newsroom.md), enforced here and
// nowhere else: every admin route asks authorize() before it acts.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/access.h"
#include "model/user.h"
#include "util/status.h"

namespace dateline {

enum class Action {
    story_create,       // write a new draft
    story_edit_own,     // change a story one created
    story_edit_any,     // change anybody's story
    story_submit,       // draft -> in review
    story_publish_own,  // publish, schedule, unpublish or archive one's own story
    story_publish_any,  // the same for any story
    story_delete,       // delete a story for good
    media_upload,       // add images
    media_edit,         // change any image's alt, caption, credit or focal point
    curate,             // collections, the Trending strip, shorts, event hubs
    taxonomy,           // tags, authors, shows
    sections,           // sections (the site's navigation)
    pages,              // static pages
    redirects,          // redirects
    users,              // staff accounts
    settings,           // site settings, including which embeds are trusted
    api_keys,           // integration keys
};

struct ActionInfo {
    Action action;
    const char* name;   // "story.publish_own"
    Role lowest_role;   // this role and every role above it may act
    const char* scope;  // the API key scope that grants it; nullptr: staff session only
    const char* description;
};

// Every action, in the order of the enum: the matrix as data, printed in
// docs/newsroom.md and tested role by role.
std::span<const ActionInfo> permission_matrix();
const ActionInfo& info(Action action);

// Higher roles first: owner > admin > editor > author > contributor.
int rank(Role role);
bool role_allows(Role role, Action action);

// Who is making a request: a staff member through a session, or an
// integration through an API key (acting for the staff member who made it).
struct Principal {
    User user;
    std::optional<ApiKey> api_key;  // set when authenticated by a key
    std::string csrf_token;         // the session's; empty for keys
};

// forbidden with a message that names what is missing. owner_id: the story's
// creator, for the *_own actions.
Status authorize(const Principal& who, Action action);
Status authorize_story(const Principal& who, Action own, Action any,
                       std::optional<int64_t> story_owner);

// The scopes a key may be given: those of permission_matrix() plus
// "content:read" for the public Content API.
std::vector<std::string> known_scopes();

}  // namespace dateline

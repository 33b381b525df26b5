#include "admin/permissions.h"

#include <algorithm>
#include <array>

namespace dateline {

namespace {

using enum Action;

constexpr std::array<ActionInfo, 17> kMatrix = {{
    {story_create, "story.create", Role::contributor, "stories:write", "write a new draft"},
    {story_edit_own, "story.edit_own", Role::contributor, "stories:write",
     "change a story one created"},
    {story_edit_any, "story.edit_any", Role::editor, "stories:write", "change anybody's story"},
    {story_submit, "story.submit", Role::contributor, "stories:write", "submit a draft for review"},
    {story_publish_own, "story.publish_own", Role::author, "stories:publish",
     "publish, schedule, unpublish or archive one's own story"},
    {story_publish_any, "story.publish_any", Role::editor, "stories:publish",
     "publish, schedule, unpublish or archive any story"},
    {story_delete, "story.delete", Role::editor, "stories:publish", "delete a story for good"},
    {media_upload, "media.upload", Role::contributor, "media:write", "upload images"},
    {media_edit, "media.edit", Role::editor, "media:write",
     "change any image's alt text, caption, credit or focal point"},
    {curate, "curate", Role::editor, "curation:write",
     "collections, the Trending strip, shorts and event hubs"},
    {taxonomy, "taxonomy", Role::editor, "taxonomy:write", "tags, authors and shows"},
    {sections, "sections", Role::admin, nullptr, "sections and the navigation"},
    {pages, "pages", Role::editor, "pages:write", "static pages"},
    {redirects, "redirects", Role::editor, "redirects:write", "redirects"},
    {users, "users", Role::admin, nullptr, "staff accounts"},
    {settings, "settings", Role::admin, nullptr, "site settings"},
    {api_keys, "api_keys", Role::admin, nullptr, "integration keys"},
}};

}  // namespace

std::span<const ActionInfo> permission_matrix() {
    return kMatrix;
}

const ActionInfo& info(Action action) {
    return kMatrix[static_cast<size_t>(action)];
}

int rank(Role role) {
    switch (role) {
        case Role::owner:
            return 5;
        case Role::admin:
            return 4;
        case Role::editor:
            return 3;
        case Role::author:
            return 2;
        case Role::contributor:
            return 1;
    }
    return 0;
}

bool role_allows(Role role, Action action) {
    return rank(role) >= rank(info(action).lowest_role);
}

Status authorize(const Principal& who, Action action) {
    const ActionInfo& what = info(action);
    if (who.user.disabled) return Error::forbidden("this account is disabled");
    if (!role_allows(who.user.role, action))
        return Error::forbidden(std::string("a ") + to_string(who.user.role) + " may not " +
                                what.description);
    if (who.api_key) {
        if (!what.scope)
            return Error::forbidden(std::string("an API key cannot manage ") + what.description +
                                    ": that needs a staff session");
        const auto& scopes = who.api_key->scopes;
        if (std::find(scopes.begin(), scopes.end(), what.scope) == scopes.end())
            return Error::forbidden(std::string("this API key lacks the scope ") + what.scope);
    }
    return {};
}

Status authorize_story(const Principal& who, Action own, Action any,
                       std::optional<int64_t> story_owner) {
    if (authorize(who, any)) return {};
    auto st = authorize(who, own);
    if (!st) return st;
    if (story_owner && *story_owner == who.user.id) return {};
    return Error::forbidden(std::string("a ") + to_string(who.user.role) + " may not " +
                            info(any).description + ": this story belongs to someone else");
}

std::vector<std::string> known_scopes() {
    std::vector<std::string> out{"content:read"};
    for (const auto& a : kMatrix)
        if (a.scope && std::find(out.begin(), out.end(), a.scope) == out.end())
            out.emplace_back(a.scope);
    return out;
}

}  // namespace dateline

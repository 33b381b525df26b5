#include "admin/store_content_context.h"

#include "model/slug.h"

namespace dateline {

std::optional<ImageRef> StoreContentContext::image(int64_t media_id) const {
    auto asset = store_.media().by_id(media_id);
    if (!asset) return std::nullopt;
    return ImageRef{"/media/" + asset->path, asset->alt, asset->caption, asset->width,
                    asset->height};
}

std::optional<StoryRef> StoreContentContext::story(int64_t story_id) const {
    auto found = store_.stories().summaries({story_id});
    if (found.empty()) return std::nullopt;
    const auto& s = found.front();
    return StoryRef{story_path(s.section.slug, s.slug, s.id), s.headline};
}

}  // namespace dateline

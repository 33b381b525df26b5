// The content pipeline's view of the store: images for [gallery], stories
// for [related] and internal links, as a body is saved.
#pragma once

#include <string>

#include "content/context.h"
#include "store/store.h"

namespace dateline {

class StoreContentContext final : public ContentContext {
  public:
    // site_url: the site's public origin, so absolute links to it count as
    // internal. The store must outlive this object.
    StoreContentContext(Store& store, std::string site_url)
        : store_(store), site_url_(std::move(site_url)) {}

    std::optional<ImageRef> image(int64_t media_id) const override;
    std::optional<StoryRef> story(int64_t story_id) const override;
    std::string site_url() const override { return site_url_; }

  private:
    Store& store_;
    std::string site_url_;
};

}  // namespace dateline

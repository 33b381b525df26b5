// Shared by the content tests: a ContentContext with fixed data and the
// folder of golden cases.
#pragma once

#include <filesystem>
#include <string>

#include "content/context.h"

namespace dateline::testing {

// Images 1..20 exist ("/media/photo-N.jpg", alt "Photo N"; image 1 has a
// caption); stories 40..49 exist at "/politics/story-N-N"; the site is
// https://news.example.
class FakeContentContext : public ContentContext {
  public:
    std::optional<ImageRef> image(int64_t id) const override {
        if (id < 1 || id > 20) return std::nullopt;
        ImageRef ref;
        ref.url = "/media/photo-" + std::to_string(id) + ".jpg";
        ref.alt = "Photo " + std::to_string(id);
        if (id == 1) ref.caption = "Harbour at dawn";
        ref.width = 800;
        ref.height = 600;
        return ref;
    }
    std::optional<StoryRef> story(int64_t id) const override {
        if (id < 40 || id > 49) return std::nullopt;
        std::string n = std::to_string(id);
        return StoryRef{"/politics/story-" + n + "-" + n, "Story number " + n};
    }
    std::string site_url() const override { return "https://news.example"; }
};

// The WordPress theme unit test export in ../shared beside the repository
// (and beside CI's clone).
inline std::filesystem::path wordpress_export() {
    return std::filesystem::path(DATELINE_SOURCE_DIR).parent_path() / "shared" / "fixtures" /
           "wordpress" / "themeunittestdata.wordpress.xml";
}

inline std::filesystem::path content_fixtures() {
    return std::filesystem::path(DATELINE_SOURCE_DIR) / "tests" / "fixtures" / "content";
}

}  // namespace dateline::testing

// Metadata of an uploaded or generated image; the bytes live in media storage.
#pragma once

#include <cstdint>
#include <string>

#include "util/clock.h"

namespace dateline {

struct MediaAsset {
    int64_t id = 0;
    std::string path;  // relative to the media directory, e.g. "2026/11/harbour-3.jpg"
    std::string mime;
    int width = 0;
    int height = 0;
    int64_t bytes = 0;
    std::string alt;
    std::string caption;
    std::string credit;
    double focal_x = 0.5;  // focal point, 0..1 from the left
    double focal_y = 0.5;  // 0..1 from the top
    Timestamp created_at{};
};

}  // namespace dateline

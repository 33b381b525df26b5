// Metadata of an uploaded or generated image; the bytes live in media storage.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "util/clock.h"

namespace dateline {

// One resized, re-encoded copy of an asset (docs/media.md names them).
struct MediaRendition {
    std::string crop;    // "original" (the asset's own ratio), "16x9", "4x3" or "1x1"
    std::string format;  // "webp", "jpeg" or "png"
    int width = 0;
    int height = 0;
    std::string path;  // relative to the media directory
    int64_t bytes = 0;
};

struct MediaAsset {
    int64_t id = 0;
    // The full-size, metadata-free image, relative to the media directory,
    // e.g. "2026/11/harbour-1a2b3c4d5e6f/original.jpg".
    std::string path;
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
    // Smallest first within each crop and format; empty for assets stored
    // before renditions existed (pages then use the original).
    std::vector<MediaRendition> renditions;
    int64_t version = 0;  // optimistic concurrency of the metadata, 1 once stored
};

}  // namespace dateline

// Adding an image to the media library: validate and strip it, make its
// renditions, write the files durably, then record the asset. Shared by the
// admin API's upload and `dateline media add`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "media/media_storage.h"
#include "model/media.h"
#include "store/store.h"
#include "util/clock.h"
#include "util/status.h"

namespace dateline {

struct ImageUpload {
    std::string_view bytes;
    std::string name;  // the file's name, for the folder's slug
    std::string alt;
    std::string caption;
    std::string credit;
    double focal_x = 0.5;
    double focal_y = 0.5;
    std::vector<int> widths;  // the theme's image widths
};

struct AddedImage {
    MediaAsset asset;      // with its id
    bool existed = false;  // the same image was in the library already
    size_t files = 0;      // files written
};

// invalid (field "file" or "focal_x"/"focal_y") for what cannot be accepted,
// with a message for the uploader; nothing is left behind on failure.
Result<AddedImage> add_image(Store& store, MediaStorage& storage, const Clock& clock,
                             const ImageUpload& upload);

// The cache keys a change to an image touches: the image, and everything
// each published story that leads with it appears on (its cards show the
// image on listings, the home page and the rails).
std::vector<std::string> keys_touched_by_media(Store& store, int64_t media_id);

}  // namespace dateline

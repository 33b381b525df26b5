#include "admin/media_desk.h"

#include <algorithm>
#include <filesystem>

#include "media/ingest.h"
#include "model/dependencies.h"
#include "util/strings.h"

namespace dateline {

Result<AddedImage> add_image(Store& store, MediaStorage& storage, const Clock& clock,
                             const ImageUpload& upload) {
    if (upload.focal_x < 0 || upload.focal_x > 1)
        return Error::invalid("focal_x", "the focal point's x must be between 0 and 1");
    if (upload.focal_y < 0 || upload.focal_y > 1)
        return Error::invalid("focal_y", "the focal point's y must be between 0 and 1");
    if (upload.alt.size() > 1000) return Error::invalid("alt", "alt text is over 1000 characters");
    IngestOptions options;
    if (!upload.widths.empty()) options.widths = upload.widths;
    options.focal_x = upload.focal_x;
    options.focal_y = upload.focal_y;
    auto image = ingest_image(upload.bytes, options);
    if (!image) return image.error();

    Timestamp now = clock.now();
    std::string stem = std::filesystem::path(upload.name).stem().string();
    if (stem.empty()) stem = "image";
    std::string folder = media_folder(now, stem, image->fingerprint);
    AddedImage out;
    if (auto existing = store.media().by_path(folder + "/" + image->original.meta.path)) {
        out.asset = std::move(*existing);
        out.existed = true;
        return out;
    }
    StagedFiles staged(storage);
    auto asset = write_image(staged, *image, folder);
    if (!asset) return asset.error();
    if (auto st = staged.sync(); !st) return st.error();
    asset->alt = std::string(trim(upload.alt));
    asset->caption = upload.caption;
    asset->credit = upload.credit;
    asset->focal_x = upload.focal_x;
    asset->focal_y = upload.focal_y;
    asset->created_at = now;
    auto id = store.media().create(*asset);
    if (!id) return id.error();
    staged.keep();
    asset->id = *id;
    out.asset = std::move(*asset);
    out.files = staged.paths().size();
    return out;
}

std::vector<std::string> keys_touched_by_media(Store& store, int64_t media_id) {
    std::vector<std::string> keys{deps::media(media_id)};
    for (const auto& page :
         store.stories().published_pages(store.stories().published_with_hero(media_id)))
        for (auto& key : deps::touched_by(page))
            if (std::find(keys.begin(), keys.end(), key) == keys.end())
                keys.push_back(std::move(key));
    return keys;
}

}  // namespace dateline

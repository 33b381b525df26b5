// Turning uploaded bytes into a safe image and its renditions (docs/media.md).
//
// ingest_image() is a pure function of its input: it decides the type from
// the bytes (never from a file name), refuses what it cannot vouch for,
// checks the declared size before decoding, decodes strictly, turns the
// picture upright, drops every metadata block (EXIF, GPS, XMP, IPTC, ICC
// comments) and encodes the renditions in memory. Writing them is a second
// step (write_image) so that a failure at any point leaves nothing behind.
//
// Threads: any thread may call these functions; libvips is started once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "media/media_storage.h"
#include "model/media.h"
#include "util/clock.h"
#include "util/status.h"

namespace dateline {

// Limits, checked before any pixel is decoded.
inline constexpr size_t kMaxImageBytes = 25 * 1024 * 1024;
inline constexpr int64_t kMaxImagePixels = 50'000'000;  // width * height
inline constexpr int kMaxImageSide = 20'000;            // either side, in pixels

enum class ImageType { jpeg, png, webp, gif, avif };
const char* to_string(ImageType type);

// The type the bytes themselves announce. invalid (field "file") for SVG
// (it can carry scripts), HEIC and anything unrecognised; the message says which.
Result<ImageType> sniff_image_type(std::string_view bytes);

// True when this libvips build can decode AVIF (libheif with an AV1 decoder).
bool avif_supported();

struct IngestOptions {
    std::vector<int> widths{320, 640, 960, 1280, 1600};  // the theme's image_widths
    size_t max_bytes = kMaxImageBytes;
    int64_t max_pixels = kMaxImagePixels;
    double focal_x = 0.5;    // 0..1 from the left; crops keep this point in view
    double focal_y = 0.5;    // 0..1 from the top
    bool renditions = true;  // false: validate and make the original only
};

// One named crop: "original" keeps the source's ratio.
struct CropSpec {
    const char* name;
    int ratio_w;
    int ratio_h;
};
// original, 16x9, 4x3, 1x1.
const std::vector<CropSpec>& crop_specs();

struct CropBox {
    int left = 0;
    int top = 0;
    int width = 0;
    int height = 0;
};
// The largest box of ratio_w:ratio_h inside width x height, centred on the
// focal point as far as the edges allow. ratio 0:0 gives the whole picture.
CropBox crop_around(int width, int height, int ratio_w, int ratio_h, double focal_x,
                    double focal_y);

// The widths a crop is made at: the theme's widths not larger than the crop,
// plus the crop's own width when it is smaller than the largest theme width
// (so a small picture still gets its full size). Ascending, no repeats.
std::vector<int> rendition_widths(int crop_width, const std::vector<int>& theme_widths);

struct EncodedFile {
    MediaRendition meta;  // meta.path is relative to the asset's folder
    std::string bytes;
};

struct IngestedImage {
    ImageType source_type = ImageType::jpeg;
    int width = 0;  // upright, after EXIF orientation
    int height = 0;
    bool has_alpha = false;
    EncodedFile original;  // full size, metadata-free: "original.jpg" or "original.png"
    // Every crop and width, WebP and a JPEG (PNG when the picture has alpha)
    // fallback. Crops equal to the original share its files.
    std::vector<EncodedFile> renditions;
    std::string fingerprint;  // 16 hex digits of the input bytes and options
};

// invalid (field "file") for an empty, oversized, unrecognised, SVG, truncated,
// corrupt or too-large-to-decode image, with a message for the uploader;
// invalid (field "focal") for a focal point outside 0..1.
Result<IngestedImage> ingest_image(std::string_view bytes, const IngestOptions& options);

// A WebP file without its EXIF and XMP chunks (and their flags in the VP8X
// header); anything that is not a well-formed WebP comes back unchanged.
std::string strip_webp_metadata(std::string webp);

// "YYYY/MM/<slug>-<fingerprint>": the folder of an asset's files, from the
// upload time (UTC), a slug of its name and its fingerprint.
std::string media_folder(Timestamp when, std::string_view slug, std::string_view fingerprint);

// Files written through one MediaStorage that are removed again on
// destruction unless keep() was called: the cleanup of a failed upload.
class StagedFiles {
  public:
    explicit StagedFiles(MediaStorage& storage) : storage_(storage) {}
    StagedFiles(const StagedFiles&) = delete;
    StagedFiles& operator=(const StagedFiles&) = delete;
    ~StagedFiles();

    // Writes atomically but not yet durably: call sync() before the asset is
    // recorded anywhere.
    Status put(const std::string& relative_path, std::string_view bytes);
    Status sync();
    void keep() { kept_ = true; }
    const std::vector<std::string>& paths() const { return paths_; }

  private:
    MediaStorage& storage_;
    std::vector<std::string> paths_;
    bool kept_ = false;
};

// Writes the image's files under folder through staged (not yet durable:
// call staged.sync() or MediaStorage::sync() first) and returns the asset
// to record (path, mime, size, bytes, renditions with full paths). Alt text,
// caption, credit, focal point and time are the caller's to fill in.
Result<MediaAsset> write_image(StagedFiles& staged, const IngestedImage& image,
                               std::string_view folder);

}  // namespace dateline

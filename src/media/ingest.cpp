#include "media/ingest.h"

#include <date/date.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "media/vips.h"
#include "model/slug.h"
#include "util/strings.h"

namespace dateline {

namespace {

// Encoder settings; docs/media.md explains the choices.
constexpr int kJpegQuality = 82;
constexpr int kOriginalJpegQuality = 90;
constexpr int kWebpQuality = 78;
constexpr int kWebpEffort = 2;  // 0 fastest .. 6 smallest; 2 halves the time of 4 for ~3% bytes
constexpr int kPngCompression = 6;
constexpr size_t kSniffWindow = 4096;                // how far into a text file SVG is looked for
constexpr const char* kIngestVersion = "ingest-v1";  // part of the fingerprint

Error bad_file(std::string message) {
    return Error::invalid("file", std::move(message));
}

bool has_prefix(std::string_view bytes, std::string_view magic) {
    return bytes.size() >= magic.size() && bytes.substr(0, magic.size()) == magic;
}

uint32_t be32(std::string_view b, size_t at) {
    auto u = [&](size_t i) { return static_cast<uint32_t>(static_cast<unsigned char>(b[at + i])); };
    return u(0) << 24 | u(1) << 16 | u(2) << 8 | u(3);
}

// The image's own pixels from a strict, lazy loader: only the header is read
// until pixels are asked for.
Result<vips::Image> open_header(std::string_view bytes, ImageType type) {
    VipsImage* raw = nullptr;
    void* data = const_cast<char*>(bytes.data());
    size_t n = bytes.size();
    int rc = -1;
    switch (type) {
        case ImageType::jpeg:
            rc = vips_jpegload_buffer(data, n, &raw, "access", VIPS_ACCESS_RANDOM, "fail_on",
                                      VIPS_FAIL_ON_ERROR, nullptr);
            break;
        case ImageType::png:
            rc = vips_pngload_buffer(data, n, &raw, "access", VIPS_ACCESS_RANDOM, "fail_on",
                                     VIPS_FAIL_ON_ERROR, nullptr);
            break;
        case ImageType::webp:
            rc = vips_webpload_buffer(data, n, &raw, "access", VIPS_ACCESS_RANDOM, "fail_on",
                                      VIPS_FAIL_ON_ERROR, nullptr);
            break;
        case ImageType::gif:
            rc = vips_gifload_buffer(data, n, &raw, "access", VIPS_ACCESS_RANDOM, "fail_on",
                                     VIPS_FAIL_ON_ERROR, nullptr);
            break;
        case ImageType::avif:
            rc = vips_heifload_buffer(data, n, &raw, "access", VIPS_ACCESS_RANDOM, "fail_on",
                                      VIPS_FAIL_ON_ERROR, nullptr);
            break;
    }
    vips::Image image(raw);
    if (rc != 0 || !image)
        return bad_file(
            std::string("cannot read the ") + to_string(type) +
            " header (the file is damaged or not really that type): " + vips::take_error());
    return image;
}

// Applies one libvips operation that makes a new image from in.
template <class Op>
Result<vips::Image> apply(const char* what, Op op) {
    VipsImage* raw = nullptr;
    int rc = op(&raw);
    vips::Image out(raw);
    if (rc != 0 || !out) return bad_file(std::string(what) + ": " + vips::take_error());
    return out;
}

void put_le32(std::string& b, size_t at, uint32_t v) {
    for (int i = 0; i < 4; ++i)
        b[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}

uint32_t le32(std::string_view b, size_t at) {
    auto u = [&](size_t i) { return static_cast<uint32_t>(static_cast<unsigned char>(b[at + i])); };
    return u(0) | u(1) << 8 | u(2) << 16 | u(3) << 24;
}

}  // namespace

std::string strip_webp_metadata(std::string webp) {
    if (webp.size() < 12 || webp.compare(0, 4, "RIFF") != 0 || webp.compare(8, 4, "WEBP") != 0)
        return webp;
    std::string out = webp.substr(0, 12);
    size_t at = 12;
    while (at + 8 <= webp.size()) {
        std::string_view fourcc(webp.data() + at, 4);
        size_t size = le32(webp, at + 4);
        size_t whole = 8 + size + (size & 1);       // chunks are padded to even sizes
        if (at + whole > webp.size()) return webp;  // malformed: leave it as it was
        if (fourcc != "EXIF" && fourcc != "XMP ") {
            std::string chunk = webp.substr(at, whole);
            if (fourcc == "VP8X" && size >= 1)
                chunk[8] = static_cast<char>(chunk[8] & ~0x0C);  // the EXIF and XMP flags
            out += chunk;
        }
        at += whole;
    }
    put_le32(out, 4, static_cast<uint32_t>(out.size() - 8));
    return out;
}

namespace {

Result<std::string> encode(VipsImage* image, std::string_view format, bool original) {
    void* raw = nullptr;
    size_t length = 0;
    int rc = -1;
    if (format == "webp") {
        rc = vips_webpsave_buffer(image, &raw, &length, "Q", kWebpQuality, "effort", kWebpEffort,
                                  "strip", TRUE, nullptr);
    } else if (format == "png") {
        rc = vips_pngsave_buffer(image, &raw, &length, "compression", kPngCompression, "strip",
                                 TRUE, nullptr);
    } else {
        rc = vips_jpegsave_buffer(image, &raw, &length, "Q",
                                  original ? kOriginalJpegQuality : kJpegQuality, "strip", TRUE,
                                  "interlace", TRUE, nullptr);
    }
    vips::Buffer buffer(raw);
    if (rc != 0 || !buffer)
        return Error::io("cannot encode " + std::string(format) + ": " + vips::take_error());
    std::string bytes(static_cast<const char*>(buffer.get()), length);
    // libvips 8.14's WebP saver writes a small EXIF block (orientation and
    // resolution) even when asked to strip; nothing of it is needed.
    if (format == "webp") return strip_webp_metadata(std::move(bytes));
    return bytes;
}

const char* extension(std::string_view format) {
    if (format == "webp") return "webp";
    if (format == "png") return "png";
    return "jpg";
}

// Scales an image to a width, premultiplying alpha so edges do not darken.
Result<vips::Image> resize_to(VipsImage* in, int width) {
    double scale = static_cast<double>(width) / vips_image_get_width(in);
    if (!vips_image_hasalpha(in))
        return apply("cannot resize",
                     [&](VipsImage** out) { return vips_resize(in, out, scale, nullptr); });
    auto pre =
        apply("cannot resize", [&](VipsImage** out) { return vips_premultiply(in, out, nullptr); });
    if (!pre) return pre.error();
    auto scaled = apply("cannot resize", [&](VipsImage** out) {
        return vips_resize(pre->get(), out, scale, nullptr);
    });
    if (!scaled) return scaled.error();
    auto un = apply("cannot resize", [&](VipsImage** out) {
        return vips_unpremultiply(scaled->get(), out, nullptr);
    });
    if (!un) return un.error();
    return apply("cannot resize", [&](VipsImage** out) {
        return vips_cast(un->get(), out, VIPS_FORMAT_UCHAR, nullptr);
    });
}

// Drops every metadata item (EXIF with GPS and camera serials, XMP, IPTC,
// ICC profiles, comments) from an image we alone hold. The savers' "strip"
// is asked for too, but not every libvips saver honours it fully (8.14's
// WebP saver still wrote EXIF), so nothing is left for them to copy.
void remove_metadata(VipsImage* image) {
    gchar** fields = vips_image_get_fields(image);
    for (gchar** f = fields; f && *f; ++f)
        vips_image_remove(image, *f);  // built-in header fields are not removable: no-op
    g_strfreev(fields);
}

Result<EncodedFile> make_file(VipsImage* image, std::string_view crop, std::string_view format,
                              std::string path, bool original) {
    remove_metadata(image);  // operations such as resize may add fields back
    auto bytes = encode(image, format, original);
    if (!bytes) return bytes.error();
    EncodedFile file;
    file.meta.crop = std::string(crop);
    file.meta.format = std::string(format);
    file.meta.width = vips_image_get_width(image);
    file.meta.height = vips_image_get_height(image);
    file.meta.path = std::move(path);
    file.meta.bytes = static_cast<int64_t>(bytes->size());
    file.bytes = std::move(*bytes);
    return file;
}

std::string fingerprint_of(std::string_view bytes, const IngestOptions& options) {
    std::string salt = kIngestVersion;
    char focal[64];
    std::snprintf(focal, sizeof focal, "|%.4f,%.4f|", options.focal_x, options.focal_y);
    salt += focal;
    for (int w : options.widths)
        salt += std::to_string(w) + ",";
    salt += options.renditions ? "r" : "o";
    return hex64(fnv1a64(hex64(fnv1a64(bytes)) + salt));
}

}  // namespace

const char* to_string(ImageType type) {
    switch (type) {
        case ImageType::jpeg:
            return "JPEG";
        case ImageType::png:
            return "PNG";
        case ImageType::webp:
            return "WebP";
        case ImageType::gif:
            return "GIF";
        case ImageType::avif:
            return "AVIF";
    }
    return "image";
}

bool avif_supported() {
    return vips::has_operation("heifload_buffer");
}

Result<ImageType> sniff_image_type(std::string_view b) {
    if (b.empty()) return bad_file("the file is empty");
    if (has_prefix(b, "\xFF\xD8\xFF")) return ImageType::jpeg;
    if (has_prefix(b, "\x89PNG\r\n\x1A\n")) return ImageType::png;
    if (has_prefix(b, "GIF87a") || has_prefix(b, "GIF89a")) return ImageType::gif;
    if (b.size() >= 12 && has_prefix(b, "RIFF") && b.substr(8, 4) == "WEBP") return ImageType::webp;
    if (b.size() >= 16 && b.substr(4, 4) == "ftyp") {
        // An ISO media file: AVIF when the major or a compatible brand says so.
        size_t box = std::min<size_t>(be32(b, 0), b.size());
        bool avif = false, heic = false;
        for (size_t at = 8; at + 4 <= box; at += 4) {
            if (at == 12) continue;  // the minor version, not a brand
            auto brand = b.substr(at, 4);
            avif = avif || brand == "avif" || brand == "avis";
            heic = heic || brand == "heic" || brand == "heix" || brand == "mif1";
        }
        if (avif) {
            if (!avif_supported())
                return bad_file(
                    "AVIF images cannot be decoded by this server's libvips; "
                    "upload a JPEG, PNG or WebP");
            return ImageType::avif;
        }
        if (heic) return bad_file("HEIC/HEIF images are not accepted; export as JPEG");
        return bad_file("the file is a video or other ISO media file, not an image");
    }
    // Text: SVG is refused outright, since it can carry scripts and links
    // that run when the file is opened from the site's own origin.
    size_t at = has_prefix(b, "\xEF\xBB\xBF") ? 3 : 0;
    while (at < b.size() && std::strchr(" \t\r\n", b[at]) && b[at] != '\0')
        ++at;
    if (at < b.size() && b[at] == '<') {
        std::string head = to_lower(b.substr(at, kSniffWindow));
        if (head.find("<svg") != std::string::npos)
            return bad_file(
                "SVG images are not accepted: an SVG can carry scripts that would run on "
                "the site; upload a PNG instead");
        return bad_file("the file is HTML or XML text, not an image");
    }
    return bad_file("unrecognised file type: upload a JPEG, PNG, WebP, GIF or AVIF image");
}

const std::vector<CropSpec>& crop_specs() {
    static const std::vector<CropSpec> specs = {
        {"original", 0, 0}, {"16x9", 16, 9}, {"4x3", 4, 3}, {"1x1", 1, 1}};
    return specs;
}

CropBox crop_around(int width, int height, int ratio_w, int ratio_h, double focal_x,
                    double focal_y) {
    if (ratio_w <= 0 || ratio_h <= 0 || width <= 0 || height <= 0) return {0, 0, width, height};
    CropBox box;
    // Wider than the ratio: full height, cut the sides; otherwise cut top and bottom.
    if (static_cast<int64_t>(width) * ratio_h > static_cast<int64_t>(height) * ratio_w) {
        box.height = height;
        box.width = std::clamp(
            static_cast<int>(std::lround(static_cast<double>(height) * ratio_w / ratio_h)), 1,
            width);
    } else {
        box.width = width;
        box.height = std::clamp(
            static_cast<int>(std::lround(static_cast<double>(width) * ratio_h / ratio_w)), 1,
            height);
    }
    auto place = [](double focal, int whole, int part) {
        long start = std::lround(focal * whole - part / 2.0);
        return static_cast<int>(std::clamp<long>(start, 0, whole - part));
    };
    box.left = place(focal_x, width, box.width);
    box.top = place(focal_y, height, box.height);
    return box;
}

std::vector<int> rendition_widths(int crop_width, const std::vector<int>& theme_widths) {
    std::vector<int> out;
    int largest = 0;
    for (int w : theme_widths) {
        if (w <= 0) continue;
        largest = std::max(largest, w);
        if (w <= crop_width) out.push_back(w);
    }
    if (crop_width > 0 && crop_width < largest) out.push_back(crop_width);
    if (theme_widths.empty() && crop_width > 0) out.push_back(crop_width);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

Result<IngestedImage> ingest_image(std::string_view bytes, const IngestOptions& options) {
    if (bytes.size() > options.max_bytes)
        return bad_file("the file is " + std::to_string(bytes.size() / 1024) +
                        " KiB; the limit is " + std::to_string(options.max_bytes / 1024) + " KiB");
    if (!(options.focal_x >= 0 && options.focal_x <= 1 && options.focal_y >= 0 &&
          options.focal_y <= 1))
        return Error::invalid("focal", "the focal point must be two numbers from 0 to 1");
    auto type = sniff_image_type(bytes);
    if (!type) return type.error();
    vips::ensure_started();

    // The declared size, before a single pixel is decoded: a few hundred
    // bytes can declare a picture that would need gigabytes (a "bomb").
    auto header = open_header(bytes, *type);
    if (!header) return header.error();
    const int64_t w = vips_image_get_width(header->get());
    const int64_t h = vips_image_get_height(header->get());
    if (w <= 0 || h <= 0 || w > kMaxImageSide || h > kMaxImageSide || w * h > options.max_pixels)
        return bad_file("the image declares " + std::to_string(w) + " x " + std::to_string(h) +
                        " pixels; the limit is " + std::to_string(options.max_pixels / 1'000'000) +
                        " megapixels and " + std::to_string(kMaxImageSide) + " pixels a side");

    // Decode strictly, upright, in sRGB, 8 bits a channel; metadata is left
    // behind by every saver below ("strip").
    auto upright = apply("cannot turn the image upright", [&](VipsImage** out) {
        return vips_autorot(header->get(), out, nullptr);
    });
    if (!upright) return upright.error();
    vips::Image image = std::move(*upright);
    if (vips_image_get_interpretation(image.get()) != VIPS_INTERPRETATION_sRGB) {
        auto srgb = apply("cannot convert the colours", [&](VipsImage** out) {
            return vips_colourspace(image.get(), out, VIPS_INTERPRETATION_sRGB, nullptr);
        });
        if (!srgb) return srgb.error();
        image = std::move(*srgb);
    }
    if (vips_image_get_format(image.get()) != VIPS_FORMAT_UCHAR) {
        auto cast = apply("cannot convert the pixels", [&](VipsImage** out) {
            return vips_cast(image.get(), out, VIPS_FORMAT_UCHAR, nullptr);
        });
        if (!cast) return cast.error();
        image = std::move(*cast);
    }
    vips::Image decoded(vips_image_copy_memory(image.get()));
    if (!decoded)
        return bad_file(std::string("cannot decode the ") + to_string(*type) +
                        " image (it is truncated or corrupt): " + vips::take_error());
    image.reset();
    header->reset();
    remove_metadata(decoded.get());

    IngestedImage out;
    out.source_type = *type;
    out.width = vips_image_get_width(decoded.get());
    out.height = vips_image_get_height(decoded.get());
    out.has_alpha = vips_image_hasalpha(decoded.get());
    out.fingerprint = fingerprint_of(bytes, options);
    const char* fallback = out.has_alpha ? "png" : "jpeg";

    auto original = make_file(decoded.get(), "original", fallback,
                              std::string("original.") + extension(fallback), true);
    if (!original) return original.error();
    out.original = std::move(*original);
    if (!options.renditions) return out;

    std::vector<EncodedFile> original_crop;  // shared by crops that equal the original
    for (const auto& spec : crop_specs()) {
        CropBox box = crop_around(out.width, out.height, spec.ratio_w, spec.ratio_h,
                                  options.focal_x, options.focal_y);
        bool is_original = spec.ratio_w == 0;
        if (!is_original && std::abs(box.width - out.width) <= 1 &&
            std::abs(box.height - out.height) <= 1) {
            for (const auto& file : original_crop) {
                EncodedFile shared;
                shared.meta = file.meta;
                shared.meta.crop = spec.name;
                out.renditions.push_back(std::move(shared));  // no bytes: the file exists
            }
            continue;
        }
        auto cropped = apply("cannot crop", [&](VipsImage** o) {
            return vips_extract_area(decoded.get(), o, box.left, box.top, box.width, box.height,
                                     nullptr);
        });
        if (!cropped) return cropped.error();
        // Largest first, each width scaled from the one before: fewer pixels
        // to filter than starting from the crop every time.
        auto widths = rendition_widths(box.width, options.widths);
        std::vector<EncodedFile> crop_files;
        g_object_ref(cropped->get());
        vips::Image previous(cropped->get());
        for (auto it = widths.rbegin(); it != widths.rend(); ++it) {
            const int width = *it;
            vips::Image scaled;
            if (width == vips_image_get_width(previous.get())) {
                g_object_ref(previous.get());
                scaled.reset(previous.get());
            } else {
                auto r = resize_to(previous.get(), width);
                if (!r) return r.error();
                // Materialised once for both encoders and the next width.
                scaled.reset(vips_image_copy_memory(r->get()));
                if (!scaled) return Error::io("cannot resize: " + vips::take_error());
            }
            for (const char* format : {"webp", fallback}) {
                std::string name =
                    std::string(spec.name) + "-" + std::to_string(width) + "." + extension(format);
                auto file = make_file(scaled.get(), spec.name, format, name, false);
                if (!file) return file.error();
                crop_files.push_back(std::move(*file));
            }
            previous = std::move(scaled);
        }
        // Stored smallest first, as the model promises.
        std::stable_sort(crop_files.begin(), crop_files.end(),
                         [](const auto& a, const auto& b) { return a.meta.width < b.meta.width; });
        for (auto& file : crop_files) {
            if (is_original) original_crop.push_back(EncodedFile{file.meta, {}});
            out.renditions.push_back(std::move(file));
        }
    }
    return out;
}

std::string media_folder(Timestamp when, std::string_view slug, std::string_view fingerprint) {
    date::year_month_day ymd{date::floor<date::days>(when)};
    char ym[16];
    std::snprintf(ym, sizeof ym, "%04d/%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()));
    std::string name = slugify(slug);
    if (name.empty()) name = "image";
    if (name.size() > 60) name.resize(60);
    while (!name.empty() && name.back() == '-')
        name.pop_back();
    return std::string(ym) + "/" + name + "-" + std::string(fingerprint.substr(0, 12));
}

StagedFiles::~StagedFiles() {
    if (kept_) return;
    for (auto it = paths_.rbegin(); it != paths_.rend(); ++it)
        storage_.remove(*it);
}

Status StagedFiles::sync() {
    return storage_.sync();
}

Status StagedFiles::put(const std::string& relative_path, std::string_view bytes) {
    // Recorded first: a write that fails half-way may leave a file behind.
    paths_.push_back(relative_path);
    return storage_.put(relative_path, bytes, Durability::deferred);
}

Result<MediaAsset> write_image(StagedFiles& staged, const IngestedImage& image,
                               std::string_view folder) {
    std::string prefix = std::string(folder) + "/";
    MediaAsset asset;
    asset.path = prefix + image.original.meta.path;
    asset.mime = "image/" + image.original.meta.format;
    asset.width = image.width;
    asset.height = image.height;
    asset.bytes = image.original.meta.bytes;
    if (auto st = staged.put(asset.path, image.original.bytes); !st) return st.error();
    for (const auto& file : image.renditions) {
        MediaRendition r = file.meta;
        r.path = prefix + r.path;
        if (!file.bytes.empty())
            if (auto st = staged.put(r.path, file.bytes); !st) return st.error();
        asset.renditions.push_back(std::move(r));
    }
    return asset;
}

}  // namespace dateline

// The upload pipeline (media/ingest.h): type from the bytes, limits before
// decoding, strict decoding, metadata stripped, renditions and crops, and
// nothing left behind on failure.
#include "media/ingest.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <atomic>
#include <filesystem>

#include "media/generated_image.h"
#include "media/vips.h"

namespace dateline {

static void PrintTo(ErrorKind kind, std::ostream* os) {
    *os << to_string(kind);
}

namespace {

namespace fs = std::filesystem;

std::string painted(int w = 640, int h = 360) {
    auto image = paint_jpeg("harbour", 7, w, h);
    if (!image) throw std::runtime_error(image.error().message);
    return image->bytes;
}

// Encodes a vips image with one of its savers, keeping metadata.
std::string save(VipsImage* image, const char* suffix) {
    void* raw = nullptr;
    size_t n = 0;
    if (vips_image_write_to_buffer(image, suffix, &raw, &n, nullptr) != 0)
        throw std::runtime_error(vips::take_error());
    vips::Buffer buffer(raw);
    return std::string(static_cast<const char*>(raw), n);
}

vips::Image load(const std::string& bytes) {
    vips::Image image(vips_image_new_from_buffer(bytes.data(), bytes.size(), "", nullptr));
    if (!image) throw std::runtime_error(vips::take_error());
    return image;
}

// A 4-band (RGBA) PNG.
std::string png_with_alpha(int w, int h) {
    vips::ensure_started();
    VipsImage* black = nullptr;
    vips_black(&black, w, h, "bands", 4, nullptr);
    vips::Image b(black);
    VipsImage* rgba = nullptr;
    vips_copy(b.get(), &rgba, "interpretation", VIPS_INTERPRETATION_sRGB, nullptr);
    vips::Image out(rgba);
    return save(out.get(), ".png");
}

// A JPEG that says "rotate 90° clockwise" and carries GPS and a camera
// comment in its EXIF block.
std::string jpeg_with_exif(int w, int h) {
    vips::ensure_started();
    std::string plain = painted(w, h);
    vips::Image image = load(plain);
    VipsImage* copy = nullptr;
    vips_copy(image.get(), &copy, nullptr);
    vips::Image tagged(copy);
    vips_image_set_int(tagged.get(), "orientation", 6);
    vips_image_set_string(tagged.get(), "exif-ifd0-Make", "SecretCam");
    vips_image_set_string(tagged.get(), "exif-ifd3-GPSLatitudeRef", "N");
    return save(tagged.get(), ".jpg");
}

bool contains(const std::string& haystack, std::string_view needle) {
    return haystack.find(needle) != std::string::npos;
}

bool all_outputs(const IngestedImage& image, const std::function<bool(const EncodedFile&)>& ok) {
    if (!ok(image.original)) return false;
    for (const auto& f : image.renditions)
        if (!f.bytes.empty() && !ok(f)) return false;
    return true;
}

Error refused(std::string_view bytes, IngestOptions options = {}) {
    auto r = ingest_image(bytes, options);
    if (r.ok()) throw std::runtime_error("accepted a file that should be refused");
    return r.error();
}

// --- sniffing ------------------------------------------------------------

TEST(SniffImageType, KnowsTheMagicOfEachAcceptedType) {
    EXPECT_EQ(*sniff_image_type(painted()), ImageType::jpeg);
    EXPECT_EQ(*sniff_image_type(png_with_alpha(8, 8)), ImageType::png);
    EXPECT_EQ(*sniff_image_type("GIF89a\x01\x00\x01\x00"), ImageType::gif);
    EXPECT_EQ(*sniff_image_type("GIF87a\x01\x00\x01\x00"), ImageType::gif);
    EXPECT_EQ(*sniff_image_type(std::string("RIFF\x10\0\0\0WEBPVP8 ", 16)), ImageType::webp);
}

TEST(SniffImageType, RefusesSvgAndSaysWhy) {
    for (std::string svg :
         {"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script>",
          "\xEF\xBB\xBF  <?xml version=\"1.0\"?>\n<SVG onload=\"x()\">", "<!DOCTYPE svg><svg/>"}) {
        auto r = sniff_image_type(svg);
        ASSERT_FALSE(r.ok()) << svg;
        EXPECT_EQ(r.error().kind, ErrorKind::invalid);
        EXPECT_EQ(r.error().field, "file");
        EXPECT_TRUE(contains(r.error().message, "SVG")) << r.error().message;
        EXPECT_TRUE(contains(r.error().message, "script")) << r.error().message;
    }
}

TEST(SniffImageType, RefusesUnknownTextHeicAndEmptyFiles) {
    EXPECT_TRUE(contains(sniff_image_type("<html><body>hi").error().message, "HTML"));
    EXPECT_TRUE(contains(sniff_image_type("%PDF-1.7").error().message, "unrecognised"));
    EXPECT_TRUE(contains(sniff_image_type("").error().message, "empty"));
    std::string heic(
        "\0\0\0\x18"
        "ftypheic\0\0\0\0mif1heic",
        24);
    EXPECT_TRUE(contains(sniff_image_type(heic).error().message, "HEIC"));
    std::string mp4(
        "\0\0\0\x18"
        "ftypisom\0\0\0\0isomiso2",
        24);
    EXPECT_FALSE(sniff_image_type(mp4).ok());
}

TEST(SniffImageType, AvifIsAcceptedOnlyWhenLibvipsCanDecodeIt) {
    std::string avif(
        "\0\0\0\x1c"
        "ftypavif\0\0\0\0avifmif1miaf",
        28);
    auto r = sniff_image_type(avif);
    EXPECT_EQ(r.ok(), avif_supported());
    if (!r.ok()) {
        EXPECT_TRUE(contains(r.error().message, "AVIF"));
    }
}

// --- crops and widths ------------------------------------------------------

TEST(CropAround, KeepsTheFocalPointInViewWithinTheEdges) {
    auto full = crop_around(1600, 900, 16, 9, 0.5, 0.5);
    EXPECT_EQ(full.width, 1600);
    EXPECT_EQ(full.height, 900);
    auto centre = crop_around(1600, 900, 1, 1, 0.5, 0.5);
    EXPECT_EQ(centre.width, 900);
    EXPECT_EQ(centre.height, 900);
    EXPECT_EQ(centre.left, 350);
    EXPECT_EQ(crop_around(1600, 900, 1, 1, 0.0, 0.5).left, 0);
    EXPECT_EQ(crop_around(1600, 900, 1, 1, 1.0, 0.5).left, 700);
    EXPECT_EQ(crop_around(1600, 900, 1, 1, 0.3, 0.5).left, 30);  // 480 - 450
    // A portrait picture loses top and bottom instead.
    auto wide = crop_around(900, 1600, 16, 9, 0.5, 0.1);
    EXPECT_EQ(wide.width, 900);
    EXPECT_EQ(wide.height, 506);
    EXPECT_EQ(wide.top, 0);
    EXPECT_EQ(crop_around(900, 1600, 4, 3, 0.5, 0.9).top, 1600 - 675);
    auto original = crop_around(1000, 700, 0, 0, 0.2, 0.2);
    EXPECT_EQ(original.width, 1000);
    EXPECT_EQ(original.height, 700);
}

TEST(RenditionWidths, ThemeWidthsUpToTheCropPlusItsOwnWidth) {
    std::vector<int> theme{320, 640, 960, 1280, 1600};
    EXPECT_EQ(rendition_widths(1600, theme), (std::vector<int>{320, 640, 960, 1280, 1600}));
    EXPECT_EQ(rendition_widths(4000, theme), (std::vector<int>{320, 640, 960, 1280, 1600}));
    EXPECT_EQ(rendition_widths(900, theme), (std::vector<int>{320, 640, 900}));
    EXPECT_EQ(rendition_widths(200, theme), (std::vector<int>{200}));
    EXPECT_EQ(rendition_widths(500, {640, 320, 320}), (std::vector<int>{320, 500}));
}

TEST(MediaFolder, IsYearMonthSlugAndFingerprint) {
    Timestamp t{std::chrono::seconds{1793491200}};  // 2026-11-01
    EXPECT_EQ(media_folder(t, "Harbour at Dawn!", "0123456789abcdef"),
              "2026/11/harbour-at-dawn-0123456789ab");
    std::string odd = media_folder(t, "../..", "0123456789abcdef");
    EXPECT_TRUE(is_safe_relative_path(odd)) << odd;
    EXPECT_EQ(odd.find(".."), std::string::npos) << odd;
}

// --- ingesting ------------------------------------------------------------

TEST(IngestImage, MakesEveryCropAndWidthInWebpAndJpeg) {
    IngestOptions options;
    options.widths = {320, 640, 960};
    auto r = ingest_image(painted(800, 450), options);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->source_type, ImageType::jpeg);
    EXPECT_EQ(r->width, 800);
    EXPECT_EQ(r->height, 450);
    EXPECT_FALSE(r->has_alpha);
    EXPECT_EQ(r->original.meta.path, "original.jpg");
    EXPECT_EQ(r->fingerprint.size(), 16u);
    auto find = [&](std::string_view crop, std::string_view format, int width) {
        for (const auto& f : r->renditions)
            if (f.meta.crop == crop && f.meta.format == format && f.meta.width == width) return &f;
        return static_cast<const EncodedFile*>(nullptr);
    };
    for (const char* format : {"webp", "jpeg"}) {
        for (int w : {320, 640, 800}) {
            ASSERT_NE(find("original", format, w), nullptr) << format << w;
            ASSERT_NE(find("16x9", format, w), nullptr) << format << w;
        }
        ASSERT_NE(find("4x3", format, 600), nullptr);
        ASSERT_NE(find("1x1", format, 450), nullptr);
        EXPECT_EQ(find("1x1", format, 320)->meta.height, 320);
        EXPECT_EQ(find("4x3", format, 320)->meta.height, 240);
        EXPECT_EQ(find("16x9", format, 640)->meta.height, 360);
    }
    EXPECT_EQ(find("4x3", "webp", 320)->meta.path, "4x3-320.webp");
    EXPECT_EQ(find("1x1", "jpeg", 320)->meta.path, "1x1-320.jpg");
    // The 16:9 crop of a 16:9 picture is the original: same files, no bytes.
    EXPECT_TRUE(find("16x9", "webp", 640)->bytes.empty());
    EXPECT_EQ(find("16x9", "webp", 640)->meta.path, "original-640.webp");
    EXPECT_TRUE(all_outputs(*r, [](const EncodedFile& f) {
        if (f.meta.format == "webp") return f.bytes.substr(8, 4) == "WEBP";
        return static_cast<unsigned char>(f.bytes[0]) == 0xFF;
    }));
}

TEST(IngestImage, TurnsThePictureUprightAndStripsExifAndGps) {
    std::string bytes = jpeg_with_exif(320, 180);
    ASSERT_TRUE(contains(bytes, "Exif"));
    ASSERT_TRUE(contains(bytes, "SecretCam"));
    IngestOptions options;
    options.widths = {160};
    auto r = ingest_image(bytes, options);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->width, 180);  // orientation 6: a quarter turn
    EXPECT_EQ(r->height, 320);
    EXPECT_TRUE(all_outputs(*r, [](const EncodedFile& f) {
        bool clean = !contains(f.bytes, "Exif") && !contains(f.bytes, "SecretCam") &&
                     !contains(f.bytes, "GPSLatitude") && !contains(f.bytes, "ns.adobe.com/xap");
        if (!clean) ADD_FAILURE() << f.meta.path << " keeps metadata";
        return clean;
    }));
    vips::Image back = load(r->original.bytes);
    EXPECT_EQ(vips_image_get_typeof(back.get(), "exif-data"), 0u);
    EXPECT_EQ(vips_image_get_typeof(back.get(), "orientation"), 0u);
}

TEST(StripWebpMetadata, DropsExifAndXmpChunksAndTheirFlags) {
    auto chunk = [](std::string fourcc, std::string payload) {
        std::string c = fourcc;
        uint32_t n = static_cast<uint32_t>(payload.size());
        for (int i = 0; i < 4; ++i)
            c += static_cast<char>((n >> (8 * i)) & 0xFF);
        c += payload;
        if (payload.size() % 2) c += '\0';
        return c;
    };
    std::string body = chunk("VP8X", std::string("\x0C\0\0\0\0\0\0\0\0\0", 10)) +
                       chunk("VP8 ", "pixels") + chunk("EXIF", "Exif\0\0GPS") +
                       chunk("XMP ", "<x:xmpmeta/>");
    std::string webp = "RIFF" + std::string(4, '\0') + "WEBP" + body;
    std::string out = strip_webp_metadata(webp);
    EXPECT_FALSE(contains(out, "EXIF"));
    EXPECT_FALSE(contains(out, "xmpmeta"));
    EXPECT_TRUE(contains(out, "pixels"));
    EXPECT_EQ(out[20], '\0');  // VP8X flags cleared
    EXPECT_EQ(static_cast<size_t>(static_cast<unsigned char>(out[4])), out.size() - 8);
    EXPECT_EQ(strip_webp_metadata("not a webp"), "not a webp");
}

TEST(IngestImage, KeepsAlphaWithPngFallbacks) {
    IngestOptions options;
    options.widths = {32};
    auto r = ingest_image(png_with_alpha(64, 48), options);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_TRUE(r->has_alpha);
    EXPECT_EQ(r->original.meta.path, "original.png");
    for (const auto& f : r->renditions)
        EXPECT_TRUE(f.meta.format == "webp" || f.meta.format == "png") << f.meta.path;
}

TEST(IngestImage, RefusesFilesOverTheByteLimit) {
    IngestOptions options;
    options.max_bytes = 1000;
    auto e = refused(painted(), options);
    EXPECT_EQ(e.kind, ErrorKind::invalid);
    EXPECT_TRUE(contains(e.message, "limit")) << e.message;
}

TEST(IngestImage, RefusesTooManyPixelsBeforeDecoding) {
    IngestOptions options;
    options.max_pixels = 640 * 360 - 1;
    auto e = refused(painted(640, 360), options);
    EXPECT_TRUE(contains(e.message, "640 x 360")) << e.message;
    EXPECT_TRUE(contains(e.message, "megapixels")) << e.message;
}

// A tiny PNG whose header claims 60000 x 60000 pixels (with a correct
// checksum): 3.6 gigapixels that must never be allocated.
TEST(IngestImage, RefusesADecompressionBomb) {
    std::string png = png_with_alpha(8, 8);
    ASSERT_EQ(png.substr(12, 4), "IHDR");
    auto put32 = [&](size_t at, uint32_t v) {
        for (int i = 0; i < 4; ++i)
            png[at + i] = static_cast<char>((v >> (24 - 8 * i)) & 0xFF);
    };
    put32(16, 60000);
    put32(20, 60000);
    uLong crc = crc32(0, reinterpret_cast<const Bytef*>(png.data() + 12), 17);
    put32(29, static_cast<uint32_t>(crc));
    auto e = refused(png);
    EXPECT_EQ(e.kind, ErrorKind::invalid);
    EXPECT_EQ(e.field, "file");
    EXPECT_TRUE(contains(e.message, "60000 x 60000")) << e.message;
}

TEST(IngestImage, RefusesTruncatedAndCorruptFiles) {
    std::string jpeg = painted();
    auto truncated = refused(jpeg.substr(0, jpeg.size() / 2));
    EXPECT_EQ(truncated.field, "file");
    EXPECT_TRUE(contains(truncated.message, "JPEG")) << truncated.message;
    std::string png = png_with_alpha(64, 64);
    EXPECT_EQ(refused(png.substr(0, png.size() - 30)).field, "file");
    // Right magic, garbage after it.
    EXPECT_EQ(refused(std::string("\x89PNG\r\n\x1A\n") + std::string(200, 'x')).field, "file");
    EXPECT_EQ(refused(std::string("GIF89a") + std::string(50, '\x7f')).field, "file");
    EXPECT_EQ(refused(std::string("RIFF\x20\0\0\0WEBPVP8 ", 16) + std::string(40, '\1')).field,
              "file");
}

TEST(IngestImage, RefusesSvgWithScript) {
    auto e = refused("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>");
    EXPECT_TRUE(contains(e.message, "script")) << e.message;
}

TEST(IngestImage, DecidesTheTypeFromTheBytesNotTheName) {
    // PNG bytes are a PNG whatever the uploader called them.
    auto r = ingest_image(png_with_alpha(16, 16), IngestOptions{});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->source_type, ImageType::png);
}

TEST(IngestImage, RefusesAFocalPointOutsideThePicture) {
    IngestOptions options;
    options.focal_x = 1.5;
    EXPECT_EQ(refused(painted(), options).field, "focal");
}

TEST(IngestImage, FingerprintDependsOnBytesAndFocalPoint) {
    IngestOptions a, b;
    a.renditions = b.renditions = false;
    b.focal_x = 0.2;
    std::string bytes = painted(64, 36);
    EXPECT_EQ(ingest_image(bytes, a)->fingerprint, ingest_image(bytes, a)->fingerprint);
    EXPECT_NE(ingest_image(bytes, a)->fingerprint, ingest_image(bytes, b)->fingerprint);
}

// --- writing and cleaning up ---------------------------------------------------

class StagedFilesTest : public ::testing::Test {
  protected:
    void SetUp() override {
        static std::atomic<int> n{0};
        root_ = fs::temp_directory_path() /
                ("dateline-ingest-test-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
    }
    void TearDown() override { fs::remove_all(root_); }
    fs::path root_;
};

TEST_F(StagedFilesTest, FilesAreRemovedUnlessKept) {
    MediaStorage storage(root_);
    IngestOptions options;
    options.widths = {100};
    auto image = ingest_image(painted(200, 100), options);
    ASSERT_TRUE(image.ok());
    {
        StagedFiles staged(storage);
        auto asset = write_image(staged, *image, "2026/11/a-1");
        ASSERT_TRUE(asset.ok()) << asset.error().message;
        EXPECT_EQ(asset->path, "2026/11/a-1/original.jpg");
        EXPECT_EQ(asset->mime, "image/jpeg");
        EXPECT_TRUE(fs::exists(root_ / "2026/11/a-1/original.jpg"));
        EXPECT_TRUE(fs::exists(root_ / "2026/11/a-1/1x1-100.webp"));
        for (const auto& r : asset->renditions)
            EXPECT_TRUE(fs::exists(root_ / r.path)) << r.path;
    }  // not kept: a failed upload
    EXPECT_FALSE(fs::exists(root_ / "2026"));
    {
        StagedFiles staged(storage);
        ASSERT_TRUE(write_image(staged, *image, "2026/11/b-2").ok());
        ASSERT_TRUE(staged.sync().ok());
        staged.keep();
    }
    EXPECT_TRUE(fs::exists(root_ / "2026/11/b-2/original.jpg"));
}

TEST_F(StagedFilesTest, UnsafeFoldersWriteNothing) {
    MediaStorage storage(root_ / "media");
    auto image = ingest_image(painted(64, 36), IngestOptions{});
    ASSERT_TRUE(image.ok());
    StagedFiles staged(storage);
    auto asset = write_image(staged, *image, "../escape");
    ASSERT_FALSE(asset.ok());
    EXPECT_EQ(asset.error().kind, ErrorKind::invalid);
    EXPECT_FALSE(fs::exists(root_ / "escape"));
}

}  // namespace
}  // namespace dateline

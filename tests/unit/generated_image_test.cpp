#include "media/generated_image.h"

#include <gtest/gtest.h>

#include <string>

namespace dateline {

static void PrintTo(ErrorKind kind, std::ostream* os) {
    *os << to_string(kind);
}

namespace {

EncodedImage paint_or_die(std::string_view motif, uint32_t seed, int w, int h) {
    auto image = paint_jpeg(motif, seed, w, h);
    if (!image.ok()) throw std::runtime_error(image.error().message);
    return std::move(image).value();
}

bool is_jpeg(const std::string& bytes) {
    return bytes.size() > 4 && static_cast<unsigned char>(bytes[0]) == 0xFF &&
           static_cast<unsigned char>(bytes[1]) == 0xD8 &&
           static_cast<unsigned char>(bytes[2]) == 0xFF &&
           static_cast<unsigned char>(bytes[bytes.size() - 2]) == 0xFF &&
           static_cast<unsigned char>(bytes[bytes.size() - 1]) == 0xD9;
}

// The pixel size written in the JPEG's start-of-frame marker.
std::pair<int, int> jpeg_size(const std::string& b) {
    size_t i = 2;
    while (i + 9 < b.size()) {
        if (static_cast<unsigned char>(b[i]) != 0xFF) return {0, 0};
        unsigned char marker = static_cast<unsigned char>(b[i + 1]);
        size_t length =
            (static_cast<unsigned char>(b[i + 2]) << 8) | static_cast<unsigned char>(b[i + 3]);
        if (marker >= 0xC0 && marker <= 0xC3) {
            int h =
                (static_cast<unsigned char>(b[i + 5]) << 8) | static_cast<unsigned char>(b[i + 6]);
            int w =
                (static_cast<unsigned char>(b[i + 7]) << 8) | static_cast<unsigned char>(b[i + 8]);
            return {w, h};
        }
        i += 2 + length;
    }
    return {0, 0};
}

TEST(GeneratedImage, PaintsAJpegOfTheGivenSize) {
    auto image = paint_or_die("harbour", 7, 320, 180);
    EXPECT_TRUE(is_jpeg(image.bytes));
    EXPECT_EQ(image.mime, "image/jpeg");
    EXPECT_EQ(image.width, 320);
    EXPECT_EQ(image.height, 180);
    EXPECT_EQ(jpeg_size(image.bytes), std::make_pair(320, 180));
    EXPECT_GT(image.bytes.size(), 500u);
}

TEST(GeneratedImage, SameMotifAndSeedGiveTheSameBytes) {
    auto a = paint_or_die("city", 42, 160, 90);
    auto b = paint_or_die("city", 42, 160, 90);
    EXPECT_EQ(a.bytes, b.bytes);
}

TEST(GeneratedImage, AnotherSeedOrMotifGivesAnotherPicture) {
    auto a = paint_or_die("city", 42, 160, 90);
    EXPECT_NE(a.bytes, paint_or_die("city", 43, 160, 90).bytes);
    EXPECT_NE(a.bytes, paint_or_die("night", 42, 160, 90).bytes);
}

TEST(GeneratedImage, EveryMotifAndAnUnknownOnePaint) {
    for (const char* motif : {"city", "sea", "mountains", "parliament", "market", "stadium", "lab",
                              "hospital", "forest", "harbour", "rail", "night", "unheard-of"}) {
        auto image = paint_jpeg(motif, 1, 64, 36);
        ASSERT_TRUE(image.ok()) << motif << ": " << image.error().message;
        EXPECT_TRUE(is_jpeg(image->bytes)) << motif;
        EXPECT_EQ(jpeg_size(image->bytes), std::make_pair(64, 36)) << motif;
    }
}

TEST(GeneratedImage, SizeLimitsAreInclusive) {
    auto small = paint_jpeg("sea", 1, 16, 16);
    ASSERT_TRUE(small.ok());
    EXPECT_EQ(jpeg_size(small->bytes), std::make_pair(16, 16));
}

TEST(GeneratedImage, SizeOutOfRangeIsInvalid) {
    for (auto [w, h] : {std::pair{15, 100}, std::pair{100, 15}, std::pair{0, 0}, std::pair{-1, 100},
                        std::pair{4001, 100}, std::pair{100, 4001}}) {
        auto image = paint_jpeg("city", 1, w, h);
        ASSERT_FALSE(image.ok()) << w << "x" << h;
        EXPECT_EQ(image.error().kind, ErrorKind::invalid) << w << "x" << h;
    }
}

}  // namespace
}  // namespace dateline

#include "http/compression.h"

#include <gtest/gtest.h>

#include <random>
#include <stdexcept>
#include <string>

namespace dateline::http {
namespace {

std::string sample_html(size_t repeat) {
    std::string out = "<!doctype html><html><body>";
    for (size_t i = 0; i < repeat; ++i)
        out += "<p>Paragraph " + std::to_string(i) + " of a news story about the budget.</p>\n";
    return out + "</body></html>";
}

TEST(Gzip, RoundTripsText) {
    std::string body = sample_html(500);
    std::string packed = gzip_compress(body);
    EXPECT_LT(packed.size(), body.size() / 4);
    EXPECT_EQ(gzip_decompress(packed), body);
}

TEST(Gzip, OutputIsAGzipMember) {
    std::string packed = gzip_compress("hello");
    ASSERT_GE(packed.size(), 18u);
    EXPECT_EQ(static_cast<unsigned char>(packed[0]), 0x1f);
    EXPECT_EQ(static_cast<unsigned char>(packed[1]), 0x8b);
    EXPECT_EQ(static_cast<unsigned char>(packed[2]), 8);  // deflate
}

TEST(Gzip, RoundTripsEmptyAndBinaryInput) {
    EXPECT_EQ(gzip_decompress(gzip_compress("")), "");
    std::mt19937 rng(42);
    std::string random(100000, '\0');
    for (char& c : random)
        c = static_cast<char>(rng());
    EXPECT_EQ(gzip_decompress(gzip_compress(random)), random);
    std::string zeros(1 << 20, '\0');
    EXPECT_EQ(gzip_decompress(gzip_compress(zeros, 9)), zeros);
}

TEST(Gzip, EveryLevelRoundTrips) {
    std::string body = sample_html(50);
    for (int level = 1; level <= 9; ++level)
        EXPECT_EQ(gzip_decompress(gzip_compress(body, level)), body) << level;
}

TEST(Gzip, CorruptInputThrows) {
    EXPECT_THROW(gzip_decompress("definitely not gzip"), std::runtime_error);
    std::string packed = gzip_compress(sample_html(100));
    EXPECT_THROW(gzip_decompress(packed.substr(0, packed.size() / 2)), std::runtime_error);
    std::string flipped = packed;
    flipped[flipped.size() - 6] ^= 0x55;  // the CRC no longer matches
    EXPECT_THROW(gzip_decompress(flipped), std::runtime_error);
    EXPECT_THROW(gzip_decompress(""), std::runtime_error);
}

TEST(IsCompressible, TextualTypesOfSomeSize) {
    EXPECT_TRUE(is_compressible("text/html; charset=utf-8", 1000));
    EXPECT_TRUE(is_compressible("text/css", 1000));
    EXPECT_TRUE(is_compressible("application/json", 1000));
    EXPECT_TRUE(is_compressible("application/rss+xml", 1000));
    EXPECT_TRUE(is_compressible("application/atom+xml; charset=utf-8", 1000));
    EXPECT_TRUE(is_compressible("text/javascript", 1000));
    EXPECT_TRUE(is_compressible("application/javascript", 1000));
    EXPECT_TRUE(is_compressible("image/svg+xml", 1000));
    EXPECT_TRUE(is_compressible("text/plain", 256));
}

TEST(IsCompressible, SmallBodiesAndBinaryTypesAreNot) {
    EXPECT_FALSE(is_compressible("text/html", 255));
    EXPECT_FALSE(is_compressible("text/html", 0));
    EXPECT_FALSE(is_compressible("image/jpeg", 100000));
    EXPECT_FALSE(is_compressible("image/png", 100000));
    EXPECT_FALSE(is_compressible("font/woff2", 100000));
    EXPECT_FALSE(is_compressible("application/octet-stream", 100000));
}

}  // namespace
}  // namespace dateline::http

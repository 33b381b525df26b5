#include "media/media_storage.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>

namespace dateline {

static void PrintTo(ErrorKind kind, std::ostream* os) {
    *os << to_string(kind);
}

namespace {

namespace fs = std::filesystem;

TEST(SafeRelativePath, AcceptsPlainRelativePaths) {
    for (const char* ok : {"a.jpg", "2026/11/harbour-3.jpg", "x/y/z/file_name-1.webp", "UPPER.PNG",
                           ".hidden", "a..b.jpg", "..."}) {
        EXPECT_TRUE(is_safe_relative_path(ok)) << ok;
    }
}

TEST(SafeRelativePath, RejectsEverythingElse) {
    for (const char* bad : {"",
                            "/abs",
                            "/",
                            "../x",
                            "..",
                            ".",
                            "a/../b",
                            "a/..",
                            "a//b",
                            "a/./b",
                            "./a",
                            "a/",
                            "with space.jpg",
                            "100%.jpg",
                            "a%2F..%2Fb",
                            "a\\b",
                            "caf\xC3\xA9.jpg",
                            "a?b",
                            "a\nb",
                            "a:b"}) {
        EXPECT_FALSE(is_safe_relative_path(bad)) << "'" << bad << "'";
    }
    EXPECT_FALSE(is_safe_relative_path(std::string(513, 'a')));
    EXPECT_TRUE(is_safe_relative_path(std::string(512, 'a')));
}

class MediaStorageTest : public ::testing::Test {
  protected:
    void SetUp() override {
        static std::atomic<int> counter{0};
        root_ = fs::temp_directory_path() / ("dateline-media-test-" + std::to_string(::getpid()) +
                                             "-" + std::to_string(counter.fetch_add(1)));
        fs::create_directories(root_);
    }
    void TearDown() override {
        std::error_code ec;
        fs::remove_all(root_, ec);
    }
    fs::path root_;
};

TEST_F(MediaStorageTest, PutThenGetRoundTrips) {
    MediaStorage storage(root_);
    EXPECT_EQ(storage.root(), root_);
    std::string bytes("\xFF\xD8\xFF\xE0 jpeg bytes \0 with a zero", 30);
    auto st = storage.put("2026/11/harbour-3.jpg", bytes);
    ASSERT_TRUE(st.ok()) << st.error().message;
    EXPECT_TRUE(fs::is_regular_file(root_ / "2026" / "11" / "harbour-3.jpg"));
    auto got = storage.get("2026/11/harbour-3.jpg");
    ASSERT_TRUE(got.ok()) << got.error().message;
    EXPECT_EQ(*got, bytes);

    ASSERT_TRUE(storage.put("2026/11/harbour-3.jpg", "replaced").ok());
    EXPECT_EQ(*storage.get("2026/11/harbour-3.jpg"), "replaced");
}

TEST_F(MediaStorageTest, GetOfAMissingFileIsNotFound) {
    MediaStorage storage(root_);
    auto got = storage.get("2026/11/missing.jpg");
    ASSERT_FALSE(got.ok());
    EXPECT_EQ(got.error().kind, ErrorKind::not_found);
}

TEST_F(MediaStorageTest, GetOfAFolderIsNotFound) {
    MediaStorage storage(root_);
    fs::create_directories(root_ / "2026");
    auto got = storage.get("2026");
    ASSERT_FALSE(got.ok());
    EXPECT_EQ(got.error().kind, ErrorKind::not_found);
}

TEST_F(MediaStorageTest, UnsafePathsNeverLeaveTheFolder) {
    // A file just outside the media folder that an escape would reach.
    fs::path outside = root_.parent_path() / (root_.filename().string() + "-secret.txt");
    std::ofstream(outside) << "secret";
    MediaStorage storage(root_);
    std::string escape = "../" + outside.filename().string();

    auto put = storage.put(escape, "overwritten");
    ASSERT_FALSE(put.ok());
    EXPECT_EQ(put.error().kind, ErrorKind::invalid);
    auto get = storage.get(escape);
    ASSERT_FALSE(get.ok());
    EXPECT_EQ(get.error().kind, ErrorKind::not_found);
    EXPECT_FALSE(storage.resolve(escape).has_value());
    EXPECT_FALSE(storage.put("/etc/dateline-test", "x").ok());

    std::ifstream in(outside);
    std::string content;
    in >> content;
    EXPECT_EQ(content, "secret");
    fs::remove(outside);
}

TEST_F(MediaStorageTest, ResolveJoinsSafePathsToTheRoot) {
    MediaStorage storage(root_);
    auto p = storage.resolve("a/b.jpg");
    ASSERT_TRUE(p.has_value());
    EXPECT_EQ(*p, root_ / "a" / "b.jpg");
    EXPECT_FALSE(storage.resolve("a//b.jpg").has_value());
}

TEST_F(MediaStorageTest, PutUnderARegularFileIsAnIoError) {
    std::ofstream(root_ / "blocker") << "a file where a folder should be";
    MediaStorage storage(root_);
    auto st = storage.put("blocker/image.jpg", "x");
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().kind, ErrorKind::io);
}

}  // namespace
}  // namespace dateline

#include "util/files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>

namespace dateline {
namespace {

namespace fs = std::filesystem;

fs::path unique_temp_dir(const char* what) {
    static std::atomic<int> counter{0};
    return fs::temp_directory_path() /
           ("dateline-" + std::string(what) + "-" + std::to_string(::getpid()) + "-" +
            std::to_string(counter.fetch_add(1)));
}

class FilesTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = unique_temp_dir("files");
        fs::create_directories(dir_);
    }
    void TearDown() override {
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }
    fs::path dir_;
};

TEST_F(FilesTest, WriteAtomicThenReadGivesTheSameBytes) {
    std::string bytes("binary\0data\xff\n", 13);
    ASSERT_TRUE(write_file_atomic(dir_ / "a.bin", bytes).ok());
    auto read = read_file(dir_ / "a.bin");
    ASSERT_TRUE(read.ok()) << read.error().message;
    EXPECT_EQ(*read, bytes);
}

TEST_F(FilesTest, WriteAtomicReplacesAndLeavesNoTemporaryFile) {
    ASSERT_TRUE(write_file_atomic(dir_ / "page.html", "first version, longer").ok());
    ASSERT_TRUE(write_file_atomic(dir_ / "page.html", "second").ok());
    EXPECT_EQ(*read_file(dir_ / "page.html"), "second");
    int files = 0;
    for (const auto& entry : fs::directory_iterator(dir_)) {
        (void)entry;
        ++files;
    }
    EXPECT_EQ(files, 1);
}

TEST_F(FilesTest, WriteAtomicOfEmptyFile) {
    ASSERT_TRUE(write_file_atomic(dir_ / "empty", "").ok());
    auto read = read_file(dir_ / "empty");
    ASSERT_TRUE(read.ok());
    EXPECT_EQ(*read, "");
}

TEST_F(FilesTest, WriteAtomicIntoMissingFolderIsAnIoError) {
    auto st = write_file_atomic(dir_ / "missing" / "x.txt", "x");
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().kind, ErrorKind::io);
}

TEST_F(FilesTest, ReadOfMissingFileIsAnIoErrorNamingThePath) {
    auto read = read_file(dir_ / "nope.txt");
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().kind, ErrorKind::io);
    EXPECT_NE(read.error().message.find("nope.txt"), std::string::npos);
}

TEST_F(FilesTest, EnsureWritableDirectoryCreatesParentsAndLeavesNoProbe) {
    fs::path nested = dir_ / "a" / "b" / "c";
    auto st = ensure_writable_directory(nested);
    ASSERT_TRUE(st.ok()) << st.error().message;
    EXPECT_TRUE(fs::is_directory(nested));
    EXPECT_TRUE(fs::is_empty(nested));
    // Calling it again on an existing folder is fine.
    EXPECT_TRUE(ensure_writable_directory(nested).ok());
}

TEST_F(FilesTest, EnsureWritableDirectoryUnderARegularFileIsAnIoError) {
    std::ofstream(dir_ / "plain-file") << "not a folder";
    auto st = ensure_writable_directory(dir_ / "plain-file" / "data");
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().kind, ErrorKind::io);
    EXPECT_NE(st.error().message.find("plain-file"), std::string::npos);
}

TEST_F(FilesTest, EnsureWritableDirectoryOnARegularFileIsAnIoError) {
    std::ofstream(dir_ / "plain-file") << "not a folder";
    auto st = ensure_writable_directory(dir_ / "plain-file");
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().kind, ErrorKind::io);
}

TEST(Status, KindsHaveNames) {
    EXPECT_STREQ(to_string(ErrorKind::not_found), "not_found");
    EXPECT_STREQ(to_string(ErrorKind::invalid), "invalid");
    EXPECT_STREQ(to_string(ErrorKind::conflict), "conflict");
    EXPECT_STREQ(to_string(ErrorKind::io), "io");
    EXPECT_STREQ(to_string(ErrorKind::corrupt), "corrupt");
    EXPECT_STREQ(to_string(ErrorKind::forbidden), "forbidden");
    EXPECT_STREQ(to_string(ErrorKind::unauthorized), "unauthorized");
}

TEST(Status, ResultHoldsValueOrError) {
    Result<int> good = 7;
    ASSERT_TRUE(good.ok());
    EXPECT_EQ(*good, 7);
    Result<int> bad = Error::invalid("field", "message");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().kind, ErrorKind::invalid);
    EXPECT_EQ(bad.error().field, "field");
    EXPECT_EQ(bad.error().message, "message");
    Status ok;
    EXPECT_TRUE(ok.ok());
    Status failed = Error::conflict("taken");
    EXPECT_FALSE(failed.ok());
    EXPECT_EQ(failed.error().kind, ErrorKind::conflict);
}

}  // namespace
}  // namespace dateline

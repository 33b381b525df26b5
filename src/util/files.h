// File helpers: whole-file reads, and writes that are atomic and durable
// (temporary file, fsync, rename, fsync of the directory).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "util/status.h"

namespace dateline {

Result<std::string> read_file(const std::filesystem::path& path);
Status write_file_atomic(const std::filesystem::path& path, std::string_view bytes);
// Creates the directory (and parents) and checks that a file can be written in it.
Status ensure_writable_directory(const std::filesystem::path& dir);

}  // namespace dateline

// File helpers: whole-file reads, and writes that are atomic and durable
// (temporary file, fsync, rename, fsync of the directory).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "util/status.h"

namespace dateline {

Result<std::string> read_file(const std::filesystem::path& path);
// durable: fsync the file and its folder before returning. deferred: still
// atomic (temporary file, rename) but not yet on disk; sync_filesystem()
// makes a batch of such writes durable at once.
enum class Durability { durable, deferred };
Status write_file_atomic(const std::filesystem::path& path, std::string_view bytes,
                         Durability durability = Durability::durable);
// Flushes every pending write of the file system holding path (syncfs(2)).
Status sync_filesystem(const std::filesystem::path& path);
// Creates the directory (and parents) and checks that a file can be written in it.
Status ensure_writable_directory(const std::filesystem::path& dir);

}  // namespace dateline

// Where media bytes live: a folder (shared between nodes when scaled out).
// Paths are always relative and can never leave the folder.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "util/files.h"
#include "util/status.h"

namespace dateline {

class MediaStorage {
  public:
    explicit MediaStorage(std::filesystem::path root) : root_(std::move(root)) {}

    // Writes atomically (temporary file, rename) and, unless deferred,
    // durably (fsync). invalid for a path that is absolute or climbs out with "..".
    Status put(std::string_view relative_path, std::string_view bytes,
               Durability durability = Durability::durable);
    // Makes every deferred write durable (one syncfs for the whole batch).
    Status sync();
    Result<std::string> get(std::string_view relative_path) const;
    // Removes a file, then its folder when that is left empty. Missing files
    // and unsafe paths are ignored: this is cleanup, it never fails.
    void remove(std::string_view relative_path) noexcept;
    // The file for a relative path, or nullopt when it would leave the folder.
    std::optional<std::filesystem::path> resolve(std::string_view relative_path) const;
    const std::filesystem::path& root() const { return root_; }

  private:
    std::filesystem::path root_;
};

bool is_safe_relative_path(std::string_view path);

}  // namespace dateline

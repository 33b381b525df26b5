#include "media/media_storage.h"

#include "util/files.h"
#include "util/strings.h"

namespace dateline {

namespace fs = std::filesystem;

bool is_safe_relative_path(std::string_view path) {
    if (path.empty() || path.size() > 512 || path.front() == '/') return false;
    for (auto part : split(path, '/')) {
        if (part.empty() || part == "." || part == "..") return false;
        for (char c : part) {
            bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_' || c == '.';
            if (!ok) return false;
        }
    }
    return true;
}

std::optional<fs::path> MediaStorage::resolve(std::string_view relative_path) const {
    if (!is_safe_relative_path(relative_path)) return std::nullopt;
    return root_ / fs::path(std::string(relative_path));
}

Status MediaStorage::put(std::string_view relative_path, std::string_view bytes,
                         Durability durability) {
    auto path = resolve(relative_path);
    if (!path)
        return Error::invalid("path", "unsafe media path '" + std::string(relative_path) + "'");
    std::error_code ec;
    fs::create_directories(path->parent_path(), ec);
    if (ec) return Error::io("cannot create " + path->parent_path().string() + ": " + ec.message());
    return write_file_atomic(*path, bytes, durability);
}

Status MediaStorage::sync() {
    std::error_code ec;
    if (!fs::is_directory(root_, ec)) return {};  // nothing was ever written
    return sync_filesystem(root_);
}

Result<std::string> MediaStorage::get(std::string_view relative_path) const {
    auto path = resolve(relative_path);
    if (!path) return Error::not_found("no such media file");
    if (!fs::is_regular_file(*path)) return Error::not_found("no such media file");
    return read_file(*path);
}

void MediaStorage::remove(std::string_view relative_path) noexcept {
    try {
        auto path = resolve(relative_path);
        if (!path) return;
        std::error_code ec;
        fs::remove(*path, ec);
        // Empty folders up to (not including) the root go too.
        for (auto dir = path->parent_path(); dir != root_ && dir.has_relative_path();
             dir = dir.parent_path()) {
            if (!fs::is_empty(dir, ec) || ec) break;
            if (!fs::remove(dir, ec)) break;
        }
    } catch (...) {
        // Cleanup only: a path that cannot be built is simply left alone.
    }
}

}  // namespace dateline

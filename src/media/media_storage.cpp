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

Status MediaStorage::put(std::string_view relative_path, std::string_view bytes) {
    auto path = resolve(relative_path);
    if (!path)
        return Error::invalid("path", "unsafe media path '" + std::string(relative_path) + "'");
    std::error_code ec;
    fs::create_directories(path->parent_path(), ec);
    if (ec) return Error::io("cannot create " + path->parent_path().string() + ": " + ec.message());
    return write_file_atomic(*path, bytes);
}

Result<std::string> MediaStorage::get(std::string_view relative_path) const {
    auto path = resolve(relative_path);
    if (!path) return Error::not_found("no such media file");
    if (!fs::is_regular_file(*path)) return Error::not_found("no such media file");
    return read_file(*path);
}

}  // namespace dateline

#include "util/files.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace dateline {

namespace fs = std::filesystem;

Result<std::string> read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error::io("cannot read " + path.string() + ": " + std::strerror(errno));
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

static Status fsync_path(const fs::path& path, int flags) {
    int fd = ::open(path.c_str(), flags);
    if (fd < 0) return Error::io("cannot open " + path.string() + ": " + std::strerror(errno));
    int rc = ::fsync(fd);
    int saved = errno;
    ::close(fd);
    if (rc != 0) return Error::io("cannot sync " + path.string() + ": " + std::strerror(saved));
    return {};
}

Status write_file_atomic(const fs::path& path, std::string_view bytes, Durability durability) {
    const bool durable = durability == Durability::durable;
    fs::path tmp = path;
    tmp += ".tmp-" + std::to_string(::getpid());
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return Error::io("cannot write " + tmp.string() + ": " + std::strerror(errno));
    size_t done = 0;
    while (done < bytes.size()) {
        ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            int saved = errno;
            ::close(fd);
            ::unlink(tmp.c_str());
            return Error::io("cannot write " + tmp.string() + ": " + std::strerror(saved));
        }
        done += static_cast<size_t>(n);
    }
    if ((durable && ::fsync(fd) != 0) || ::close(fd) != 0) {
        ::unlink(tmp.c_str());
        return Error::io("cannot sync " + tmp.string() + ": " + std::strerror(errno));
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        int saved = errno;
        ::unlink(tmp.c_str());
        return Error::io("cannot rename into " + path.string() + ": " + std::strerror(saved));
    }
    if (!durable) return {};
    fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
    return fsync_path(dir, O_RDONLY | O_DIRECTORY);
}

Status sync_filesystem(const fs::path& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Error::io("cannot open " + path.string() + ": " + std::strerror(errno));
    int rc = ::syncfs(fd);
    int saved = errno;
    ::close(fd);
    if (rc != 0) return Error::io("cannot sync " + path.string() + ": " + std::strerror(saved));
    return {};
}

Status ensure_writable_directory(const fs::path& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return Error::io("cannot create data directory " + dir.string() + ": " + ec.message());
    if (!fs::is_directory(dir)) return Error::io(dir.string() + " is not a directory");
    // A probe write, not access(2): root passes access() on read-only mounts.
    fs::path probe = dir / (".write-probe-" + std::to_string(::getpid()));
    int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return Error::io("data directory " + dir.string() +
                         " is not writable: " + std::strerror(errno));
    ::close(fd);
    ::unlink(probe.c_str());
    return {};
}

}  // namespace dateline

#include "http/compression.h"

#include <libdeflate.h>
#include <zlib.h>

#include <algorithm>
#include <memory>

#include <stdexcept>

#include "util/strings.h"

namespace dateline::http {

namespace {
struct CompressorDeleter {
    void operator()(libdeflate_compressor* c) const { libdeflate_free_compressor(c); }
};
}  // namespace

std::string gzip_compress(std::string_view input, int level) {
    // One compressor per thread and level: libdeflate's state is large, and
    // allocating it per page showed up as page faults on the miss path.
    thread_local std::unique_ptr<libdeflate_compressor, CompressorDeleter> compressors[13];
    level = std::clamp(level, 1, 12);
    auto& compressor = compressors[level];
    if (!compressor) compressor.reset(libdeflate_alloc_compressor(level));
    if (!compressor) throw std::runtime_error("cannot allocate a gzip compressor");
    std::string out;
    out.resize(libdeflate_gzip_compress_bound(compressor.get(), input.size()));
    size_t written = libdeflate_gzip_compress(compressor.get(), input.data(), input.size(),
                                              out.data(), out.size());
    if (written == 0) throw std::runtime_error("gzip compression failed");
    out.resize(written);
    return out;
}

std::string gzip_decompress(std::string_view input) {
    z_stream zs{};
    if (inflateInit2(&zs, 15 + 16) != Z_OK) throw std::runtime_error("inflateInit2 failed");
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
    zs.avail_in = static_cast<uInt>(input.size());
    std::string out;
    char chunk[16384];
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        zs.next_out = reinterpret_cast<Bytef*>(chunk);
        zs.avail_out = sizeof chunk;
        rc = inflate(&zs, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) {
            inflateEnd(&zs);
            throw std::runtime_error("corrupt gzip data");
        }
        out.append(chunk, sizeof chunk - zs.avail_out);
        if (rc == Z_OK && zs.avail_in == 0 && zs.avail_out != 0) {
            inflateEnd(&zs);
            throw std::runtime_error("truncated gzip data");
        }
    }
    inflateEnd(&zs);
    return out;
}

bool is_compressible(std::string_view content_type, size_t size) {
    if (size < 256) return false;
    return starts_with(content_type, "text/") ||
           content_type.find("json") != std::string_view::npos ||
           content_type.find("xml") != std::string_view::npos ||
           content_type.find("javascript") != std::string_view::npos ||
           content_type.find("svg") != std::string_view::npos;
}

}  // namespace dateline::http

#include "http/compression.h"

#include <zlib.h>

#include <stdexcept>

#include "util/strings.h"

namespace dateline::http {

std::string gzip_compress(std::string_view input, int level) {
    z_stream zs{};
    // 15 window bits + 16: write a gzip header and trailer.
    if (deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("deflateInit2 failed");
    std::string out;
    out.resize(deflateBound(&zs, static_cast<uLong>(input.size())) + 32);
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
    zs.avail_in = static_cast<uInt>(input.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    int rc = deflate(&zs, Z_FINISH);
    deflateEnd(&zs);
    if (rc != Z_STREAM_END) throw std::runtime_error("deflate failed");
    out.resize(zs.total_out);
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

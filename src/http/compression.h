// gzip for response bodies.
#pragma once

#include <string>
#include <string_view>

namespace dateline::http {

// A complete gzip member of the input, at the given level (1-12, libdeflate's
// scale; 6 is zlib's default ratio at about twice its speed).
std::string gzip_compress(std::string_view input, int level = 6);
// Inflates a gzip member; throws std::runtime_error on corrupt input. For tests.
std::string gzip_decompress(std::string_view input);
// Worth compressing: textual content types of a size where gzip pays.
bool is_compressible(std::string_view content_type, size_t size);

}  // namespace dateline::http

// libFuzzer target for image upload validation (media/ingest.h): whatever
// the bytes, ingest_image() must return a value or an Error, never crash,
// hang or read out of bounds; strip_webp_metadata() likewise.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "media/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    dateline::IngestOptions options;
    options.widths = {16, 32};
    options.max_pixels = 512 * 512;  // small pictures keep each run fast
    options.max_bytes = 1 << 20;
    auto image = dateline::ingest_image(bytes, options);
    if (image.ok()) {
        // Every output is a non-empty file of the size it claims.
        if (image->original.bytes.empty() || image->width <= 0 || image->height <= 0)
            __builtin_trap();
        for (const auto& r : image->renditions)
            if (r.meta.width <= 0 || r.meta.width > image->width) __builtin_trap();
    }
    (void)dateline::strip_webp_metadata(std::string(bytes));
    return 0;
}

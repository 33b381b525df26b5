#include "media/vips.h"

#include <vips/vector.h>

#include <mutex>
#include <stdexcept>

namespace dateline::vips {

void ensure_started() {
    static std::once_flag once;
    static bool started = false;
    std::call_once(once, [] {
        started = VIPS_INIT("dateline") == 0;
        if (started) {
            // Uploads are decoded once; the operation cache would only hold
            // their pixels in memory after the request.
            vips_cache_set_max(0);
            // No run-time generated SIMD code (liborc): its JIT has crashed
            // libvips under concurrent use in other projects, and a run of our
            // own test suite under load ended in heap corruption inside it.
            // Uploads are rare; the plain C paths are fast enough.
            vips_vector_set_enabled(FALSE);
        }
    });
    if (!started) throw std::runtime_error("cannot start libvips: " + take_error());
}

bool has_operation(const char* nickname) {
    ensure_started();
    return vips_type_find("VipsOperation", nickname) != 0;
}

std::string take_error() {
    std::string message = vips_error_buffer();
    vips_error_clear();
    while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
        message.pop_back();
    return message;
}

}  // namespace dateline::vips

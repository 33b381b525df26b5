// The one place that starts libvips and the RAII owners of what it hands out.
// libvips keeps its own global state (caches, thread pool); everything else
// here is per call.
#pragma once

#include <glib-object.h>
#include <vips/vips.h>

#include <memory>
#include <string>
#include <string_view>

namespace dateline::vips {

// Starts libvips once per process (thread-safe); later calls return at once.
// Throws std::runtime_error when libvips cannot start.
void ensure_started();

// True when this libvips can load that format, e.g. "heifload_buffer" (AVIF).
bool has_operation(const char* nickname);

// Takes and clears libvips' error buffer (it is per thread), for a message.
std::string take_error();

struct ObjectUnref {
    void operator()(VipsImage* image) const {
        if (image) g_object_unref(image);
    }
};
// An owned VipsImage: g_object_unref on destruction.
using Image = std::unique_ptr<VipsImage, ObjectUnref>;

struct GFree {
    void operator()(void* p) const { g_free(p); }
};
// A buffer allocated by libvips (a saver's output): g_free on destruction.
using Buffer = std::unique_ptr<void, GFree>;

}  // namespace dateline::vips

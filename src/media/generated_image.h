// Pictures painted by code for the demo site and benchmarks: a sky, a light
// and a skyline that depends on the motif, so every demo story has a hero
// image without shipping photographs.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "util/status.h"

namespace dateline {

struct EncodedImage {
    std::string bytes;
    std::string mime;
    int width = 0;
    int height = 0;
};

// motif: city, sea, mountains, parliament, market, stadium, lab, hospital,
// forest, harbour, rail, night (anything else paints a plain landscape).
// The same motif and seed always give the same picture.
Result<EncodedImage> paint_jpeg(std::string_view motif, uint32_t seed, int width, int height);

}  // namespace dateline

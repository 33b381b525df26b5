// Turns text with match markers (store/search_index.h: kMatchStart,
// kMatchEnd) into safe HTML: the text is escaped first, and only then do
// the markers become <mark> elements, always balanced.
#pragma once

#include <string>
#include <string_view>

namespace dateline::search {

std::string marked_to_html(std::string_view marked);

}  // namespace dateline::search

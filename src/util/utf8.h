// UTF-8 one character at a time, strictly: overlong forms, surrogates,
// code points past U+10FFFF and cut-off sequences are malformed.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace dateline {

struct Utf8Char {
    char32_t code_point = 0;
    size_t length = 0;  // bytes; 0 when the sequence is malformed
};

// The character whose encoding starts at text[i] (i < text.size()).
Utf8Char decode_utf8(std::string_view text, size_t i);

// Appends the encoding of a code point (at most U+10FFFF, no surrogate).
void append_utf8(std::string& out, char32_t code_point);

}  // namespace dateline

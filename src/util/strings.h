// Small string helpers shared by several layers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dateline {

std::vector<std::string_view> split(std::string_view text, char separator);
std::string_view trim(std::string_view text);
bool starts_with(std::string_view text, std::string_view prefix);
bool ends_with(std::string_view text, std::string_view suffix);
std::string to_lower(std::string_view text);
bool iequals(std::string_view a, std::string_view b);

// Parses a whole decimal number; nullopt on any stray character or overflow.
std::optional<int64_t> parse_int(std::string_view text);

// Escapes &, <, >, " and ' for HTML text and attribute values.
std::string html_escape(std::string_view text);
void html_escape_append(std::string& out, std::string_view text);

// Percent-encodes everything but RFC 3986 unreserved characters.
std::string url_encode(std::string_view text);
// Decodes %XX and '+'; nullopt on a malformed escape.
std::optional<std::string> url_decode(std::string_view text);

// Joins the parts with the separator.
std::string join(const std::vector<std::string>& parts, std::string_view separator);

// A count as readers write it in English: 1,234,567 (and -1,234).
std::string grouped_digits(int64_t value);

// 64-bit FNV-1a, for ETags and asset fingerprints (not for security).
uint64_t fnv1a64(std::string_view bytes);
std::string hex64(uint64_t value);

}  // namespace dateline

// multipart/form-data bodies (RFC 7578), as browsers send file uploads.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dateline::http {

struct FormPart {
    std::string name;
    std::string filename;  // empty for plain fields
    std::string content_type;
    std::string_view data;  // into the request body
};

// The boundary parameter of a multipart/form-data Content-Type; nullopt for
// any other type.
std::optional<std::string> multipart_boundary(std::string_view content_type);

// The parts of body; nullopt when it is not well-formed.
std::optional<std::vector<FormPart>> parse_multipart(std::string_view body,
                                                     std::string_view boundary);

// application/x-www-form-urlencoded fields, decoded; malformed escapes are
// kept as written.
std::vector<std::pair<std::string, std::string>> parse_form(std::string_view body);

}  // namespace dateline::http

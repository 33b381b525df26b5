#include "http/multipart.h"

#include "util/strings.h"

namespace dateline::http {

namespace {

// The value of a parameter such as name="x" in a header value.
std::string header_param(std::string_view value, std::string_view param) {
    for (auto piece : split(value, ';')) {
        piece = trim(piece);
        size_t eq = piece.find('=');
        if (eq == std::string_view::npos || !iequals(trim(piece.substr(0, eq)), param)) continue;
        std::string_view v = trim(piece.substr(eq + 1));
        if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
        return std::string(v);
    }
    return {};
}

}  // namespace

std::optional<std::string> multipart_boundary(std::string_view content_type) {
    std::string_view type = trim(content_type.substr(0, content_type.find(';')));
    if (!iequals(type, "multipart/form-data")) return std::nullopt;
    std::string boundary = header_param(content_type, "boundary");
    if (boundary.empty() || boundary.size() > 70) return std::nullopt;
    return boundary;
}

std::optional<std::vector<FormPart>> parse_multipart(std::string_view body,
                                                     std::string_view boundary) {
    std::string delimiter = "--" + std::string(boundary);
    std::vector<FormPart> parts;
    size_t pos = body.find(delimiter);
    if (pos == std::string_view::npos) return std::nullopt;
    pos += delimiter.size();
    std::string next = "\r\n" + delimiter;
    while (true) {
        if (body.substr(pos, 2) == "--") return parts;  // the closing delimiter
        if (body.substr(pos, 2) != "\r\n") return std::nullopt;
        pos += 2;
        size_t headers_end = body.find("\r\n\r\n", pos);
        if (headers_end == std::string_view::npos) return std::nullopt;
        FormPart part;
        for (auto line : split(body.substr(pos, headers_end - pos), '\n')) {
            line = trim(line);
            size_t colon = line.find(':');
            if (colon == std::string_view::npos) continue;
            std::string_view name = trim(line.substr(0, colon));
            std::string_view value = trim(line.substr(colon + 1));
            if (iequals(name, "Content-Disposition")) {
                part.name = header_param(value, "name");
                part.filename = header_param(value, "filename");
            } else if (iequals(name, "Content-Type")) {
                part.content_type = std::string(value);
            }
        }
        size_t data_start = headers_end + 4;
        size_t data_end = body.find(next, data_start);
        if (data_end == std::string_view::npos) return std::nullopt;
        part.data = body.substr(data_start, data_end - data_start);
        parts.push_back(std::move(part));
        pos = data_end + next.size();
    }
}

std::vector<std::pair<std::string, std::string>> parse_form(std::string_view body) {
    std::vector<std::pair<std::string, std::string>> out;
    for (auto pair : split(body, '&')) {
        if (pair.empty()) continue;
        size_t eq = pair.find('=');
        std::string_view key = pair.substr(0, eq);
        std::string_view value = eq == std::string_view::npos ? "" : pair.substr(eq + 1);
        auto k = url_decode(key);
        auto v = url_decode(value);
        out.emplace_back(k ? *k : std::string(key), v ? *v : std::string(value));
    }
    return out;
}

}  // namespace dateline::http

// Routes for the media library: upload (multipart or the raw image bytes).
#include "admin/api_support.h"
#include "admin/media_desk.h"
#include "http/multipart.h"
#include "util/strings.h"

namespace dateline {

namespace {

std::optional<double> parse_fraction(std::string_view text) {
    if (text.empty()) return std::nullopt;
    try {
        size_t used = 0;
        double v = std::stod(std::string(text), &used);
        if (used != text.size()) return std::nullopt;
        return v;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

// Reads an upload from a multipart form (fields file, alt, caption, credit,
// focal_x, focal_y) or from a raw image body with those as query parameters.
Result<ImageUpload> read_upload(const http::Request& request) {
    ImageUpload upload;
    std::vector<std::pair<std::string, std::string>> fields;
    if (auto boundary = http::multipart_boundary(request.content_type)) {
        auto parts = http::parse_multipart(request.body, *boundary);
        if (!parts) return Error::invalid("file", "the upload form is malformed");
        bool have_file = false;
        for (const auto& part : *parts) {
            if (part.name == "file") {
                upload.bytes = part.data;
                upload.name = part.filename;
                have_file = true;
            } else {
                fields.emplace_back(part.name, std::string(part.data));
            }
        }
        if (!have_file) return Error::invalid("file", "choose an image file to upload");
    } else {
        upload.bytes = request.body;
        upload.name = request.query_param("name").value_or("image");
        for (const char* key : {"alt", "caption", "credit", "focal_x", "focal_y"})
            if (auto v = request.query_param(key)) fields.emplace_back(key, *v);
    }
    std::vector<FieldError> errors;
    for (const auto& [key, value] : fields) {
        if (key == "alt") upload.alt = value;
        if (key == "caption") upload.caption = value;
        if (key == "credit") upload.credit = value;
        if (key == "focal_x" || key == "focal_y") {
            auto v = parse_fraction(trim(value));
            if (!v || *v < 0 || *v > 1)
                errors.push_back({key, key + " must be a number from 0 to 1"});
            else
                (key == "focal_x" ? upload.focal_x : upload.focal_y) = *v;
        }
    }
    if (upload.bytes.empty()) errors.push_back({"file", "the image file is empty"});
    if (!errors.empty()) return Error::invalid_fields(std::move(errors));
    return upload;
}

}  // namespace

void add_media_routes(RouteTable& routes, AdminApiParts& parts) {
    AdminApiParts* p = &parts;
    routes.push_back(
        {"POST",
         "/media",
         Access::staff,
         "Upload an image: multipart/form-data with file, alt, caption, credit, focal_x, "
         "focal_y (or the raw image as the body, the rest as query parameters)",
         "media",
         {{"type", "object"},
          {"properties",
           {{"file", {{"type", "string"}, {"format", "binary"}}},
            {"alt", {{"type", "string"}}},
            {"caption", {{"type", "string"}}},
            {"credit", {{"type", "string"}}},
            {"focal_x", {{"type", "number"}, {"minimum", 0}, {"maximum", 1}}},
            {"focal_y", {{"type", "number"}, {"minimum", 0}, {"maximum", 1}}}}}},
         [p](ApiCall& call) -> ApiResult {
             if (auto st = authorize(*call.who, Action::media_upload); !st) return st.error();
             auto upload = read_upload(call.request);
             if (!upload) return upload.error();
             upload->widths = p->image_widths;
             auto added = add_image(p->store, p->media, p->clock, *upload);
             if (!added) return added.error();
             ApiReply reply;
             reply.status = added->existed ? 200 : 201;
             reply.body = media_json(added->asset);
             reply.body["existed"] = added->existed;
             return reply;
         }});
}

}  // namespace dateline

#include "cli/media_command.h"

#include <filesystem>
#include <iostream>

#include "admin/media_desk.h"
#include "util/files.h"
#include "util/strings.h"

namespace dateline {

namespace {

int fail(const Error& error) {
    std::cerr << "dateline: " << error.message << "\n";
    return error.kind == ErrorKind::invalid ? 2 : 1;
}

// "0.5,0.3" -> (0.5, 0.3); both within 0..1.
Result<std::pair<double, double>> parse_focal(std::string_view text) {
    auto parts = split(text, ',');
    auto bad = Error::invalid("focal", "--focal takes X,Y with both from 0 to 1, e.g. 0.5,0.3");
    if (parts.size() != 2) return bad;
    double xy[2];
    for (int i = 0; i < 2; ++i) {
        std::string part(trim(parts[i]));
        size_t used = 0;
        try {
            xy[i] = std::stod(part, &used);
        } catch (const std::exception&) {
            return bad;
        }
        if (used != part.size() || !(xy[i] >= 0 && xy[i] <= 1)) return bad;
    }
    return std::pair{xy[0], xy[1]};
}

}  // namespace

CLI::App* add_media_commands(CLI::App& cli, MediaAddOptions& options) {
    auto* media = cli.add_subcommand("media", "Manage the media library");
    media->require_subcommand(1);
    auto* add = media->add_subcommand(
        "add", "Add an image (JPEG, PNG, WebP, GIF or AVIF) with its renditions");
    add->add_option("FILE", options.file, "The image file")->required();
    add->add_option("--alt", options.alt,
                    "Alt text: what the picture shows (needed before a story with it is "
                    "published)");
    add->add_option("--caption", options.caption, "Caption shown under the picture");
    add->add_option("--credit", options.credit, "Credit, e.g. the photographer or agency");
    add->add_option("--focal", options.focal, "Focal point X,Y from 0 to 1 that crops keep in view")
        ->capture_default_str();
    return add;
}

int run_media_add(Application& app, const MediaAddOptions& options) {
    auto focal = parse_focal(options.focal);
    if (!focal) return fail(focal.error());
    auto bytes = read_file(options.file);
    if (!bytes) return fail(bytes.error());
    auto widths = app.image_widths();
    if (!widths) return fail(widths.error());

    ImageUpload upload;
    upload.bytes = *bytes;
    upload.name = options.file;
    upload.alt = options.alt;
    upload.caption = options.caption;
    upload.credit = options.credit;
    upload.focal_x = focal->first;
    upload.focal_y = focal->second;
    upload.widths = *widths;
    auto added = add_image(app.store(), app.media(), app.clock(), upload);
    if (!added) {
        Error e = added.error();
        e.message = options.file + ": " + e.message;
        return fail(e);
    }
    const MediaAsset* asset = &added->asset;
    if (added->existed) {
        std::cout << "media " << asset->id << " already holds this image (" << asset->path << ")\n";
        return 0;
    }
    std::cout << "added media " << asset->id << ": " << asset->mime << " " << asset->width << " x "
              << asset->height << ", " << asset->renditions.size() << " renditions ("
              << added->files << " files) in "
              << std::filesystem::path(asset->path).parent_path().string() << "/\n";
    if (asset->alt.empty())
        std::cout << "note: no alt text yet; a story cannot be published with this image as "
                     "its hero until it has one\n";
    return 0;
}

}  // namespace dateline

#include "cli/media_command.h"

#include <filesystem>
#include <iostream>

#include "media/ingest.h"
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

    IngestOptions ingest;
    ingest.widths = *widths;
    ingest.focal_x = focal->first;
    ingest.focal_y = focal->second;
    auto image = ingest_image(*bytes, ingest);
    if (!image) {
        Error e = image.error();
        e.message = options.file + ": " + e.message;
        return fail(e);
    }

    std::string stem = std::filesystem::path(options.file).stem().string();
    std::string folder = media_folder(app.clock().now(), stem, image->fingerprint);
    if (auto existing = app.store().media().by_path(folder + "/" + image->original.meta.path)) {
        std::cout << "media " << existing->id << " already holds this image (" << existing->path
                  << ")\n";
        return 0;
    }
    StagedFiles staged(app.media());
    auto asset = write_image(staged, *image, folder);
    if (!asset) return fail(asset.error());
    if (auto st = staged.sync(); !st) return fail(st.error());
    asset->alt = std::string(trim(options.alt));
    asset->caption = options.caption;
    asset->credit = options.credit;
    asset->focal_x = focal->first;
    asset->focal_y = focal->second;
    asset->created_at = app.clock().now();
    auto id = app.store().media().create(*asset);
    if (!id) return fail(id.error());
    staged.keep();

    std::cout << "added media " << *id << ": " << to_string(image->source_type) << " "
              << image->width << " x " << image->height << ", " << asset->renditions.size()
              << " renditions (" << staged.paths().size() << " files) in " << folder << "/\n";
    if (asset->alt.empty())
        std::cout << "note: no alt text yet; a story cannot be published with this image as "
                     "its hero until it has one\n";
    return 0;
}

}  // namespace dateline

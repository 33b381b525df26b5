// `dateline media add FILE`: uploads an image into the media library through
// the same pipeline as every upload (media/ingest.h).
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "app/application.h"

namespace dateline {

struct MediaAddOptions {
    std::string file;
    std::string alt;
    std::string caption;
    std::string credit;
    std::string focal = "0.5,0.5";
};

// Adds "media" and its "add" subcommand to cli, filling options when parsed;
// returns the "add" command (the caller adds the common options to it).
CLI::App* add_media_commands(CLI::App& cli, MediaAddOptions& options);

// Runs `media add`: prints the new asset's id and rendition count and
// returns 0; prints one clear line on standard error and returns 2 for a
// refused file or option, 1 for other failures. Nothing is left behind on failure.
int run_media_add(Application& app, const MediaAddOptions& options);

}  // namespace dateline

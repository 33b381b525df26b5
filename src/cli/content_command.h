// `dateline content render`: runs the content pipeline on standard input,
// without a data folder (no media library or stories to resolve against).
#pragma once

#include <CLI/CLI.hpp>
#include <iosfwd>
#include <string>

namespace dateline {

struct ContentCommand {
    CLI::App* render = nullptr;  // the `content render` subcommand
    std::string format = "markdown";
};

// Adds `content render --format markdown|html` to cli; command must outlive
// the parse.
void add_content_command(CLI::App& cli, ContentCommand& command);

// Reads a body from in, writes the sanitized HTML to out and one line per
// warning ("stdin:LINE:COLUMN: warning: ...") to err. Returns the exit
// status: 0 (warnings included), 2 for invalid input.
int run_content_render(const ContentCommand& command, std::istream& in, std::ostream& out,
                       std::ostream& err);

}  // namespace dateline

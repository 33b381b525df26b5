// `dateline import wordpress FILE`: a WordPress export (WXR) into the site
// (import/wordpress_import.h, docs/import.md).
#pragma once

#include <CLI/CLI.hpp>
#include <iosfwd>
#include <string>

#include "app/application.h"
#include "import/wordpress_import.h"

namespace dateline {

struct ImportCommand {
    CLI::App* wordpress = nullptr;  // the "import wordpress" subcommand
    std::string file;
    WordPressImportOptions options;
};

// Adds "import" and its "wordpress" subcommand to cli, filling command when
// parsed; the caller adds the common options to command.wordpress.
void add_import_commands(CLI::App& cli, ImportCommand& command);

// Runs `import wordpress`: prints what was imported, skipped and noticed,
// and returns 0; prints one clear line on standard error and returns 2 for
// a file that is not a WordPress export or a bad option, 1 for other
// failures. A failed import stores nothing.
int run_import_wordpress(Application& app, const ImportCommand& command, std::ostream& out);

}  // namespace dateline

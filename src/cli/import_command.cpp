#include "cli/import_command.h"

#include <iomanip>
#include <iostream>
#include <sstream>

#include "util/strings.h"

namespace dateline {

namespace {

int fail(const Error& error) {
    std::cerr << "dateline: " << error.message << "\n";
    return error.kind == ErrorKind::invalid ? 2 : 1;
}

std::string seconds(std::chrono::duration<double> d) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(2) << d.count() << " s";
    return out.str();
}

std::string counted(int64_t n, const char* one, const char* many) {
    return grouped_digits(n) + " " + (n == 1 ? one : many);
}

}  // namespace

void add_import_commands(CLI::App& cli, ImportCommand& command) {
    auto* import = cli.add_subcommand("import", "Import content from another system");
    import->require_subcommand(1);
    command.wordpress = import->add_subcommand(
        "wordpress", "Import a WordPress export (WXR: Tools > Export > All content)");
    command.wordpress->add_option("FILE", command.file, "The export's .xml file")->required();
    command.wordpress
        ->add_option("--section", command.options.default_section,
                     "Section of posts filed under no category (made when missing)")
        ->capture_default_str();
    command.wordpress->add_flag("--dry-run", command.options.dry_run,
                                "Read and convert everything, report, and store nothing");
}

int run_import_wordpress(Application& app, const ImportCommand& command, std::ostream& out) {
    auto report = import_wordpress(app.store(), command.file, command.options, app.clock());
    if (!report) return fail(report.error());
    const auto& r = *report;
    double posts_per_second =
        r.reading.count() + r.indexing.count() > 0
            ? static_cast<double>(r.stories + r.pages) / (r.reading.count() + r.indexing.count())
            : 0;
    out << (command.options.dry_run ? "dry run, nothing stored: would import " : "imported ")
        << counted(r.stories, "story", "stories") << ", " << counted(r.pages, "page", "pages")
        << ", " << counted(r.sections, "section", "sections") << ", "
        << counted(r.tags, "tag", "tags") << ", " << counted(r.authors, "author", "authors")
        << " and " << counted(r.redirects, "redirect", "redirects") << " from "
        << r.source.substr(r.source.find(':') + 1) << "\n";
    out << "took " << seconds(r.reading) << " reading and writing";
    if (r.search_deferred) out << ", " << seconds(r.indexing) << " indexing for search";
    out << " (" << grouped_digits(static_cast<int64_t>(posts_per_second)) << " posts/s)\n";
    if (r.already_imported > 0)
        out << "already imported before, left as they are: "
            << counted(r.already_imported, "item", "items") << "\n";
    if (!r.skipped.empty()) {
        out << "left out:";
        bool first = true;
        for (const auto& [reason, n] : r.skipped) {
            out << (first ? " " : ", ") << grouped_digits(n) << " " << reason;
            first = false;
        }
        out << "\n";
    }
    if (r.body_warnings > 0)
        out << "the content pipeline changed or removed "
            << counted(r.body_warnings, "thing", "things")
            << " in the bodies (see `dateline content render`)\n";
    for (const auto& note : r.notes)
        out << "note: " << note << "\n";
    return 0;
}

}  // namespace dateline

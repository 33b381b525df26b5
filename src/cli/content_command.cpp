#include "cli/content_command.h"

#include <iostream>
#include <iterator>

#include "content/body.h"

namespace dateline {

void add_content_command(CLI::App& cli, ContentCommand& command) {
    auto* content = cli.add_subcommand("content", "Work with story bodies");
    content->require_subcommand(1);
    command.render = content->add_subcommand(
        "render",
        "Render a body from standard input to sanitized HTML on standard output; warnings go "
        "to standard error");
    command.render->add_option("--format", command.format, "Source format: markdown or html")
        ->check(CLI::IsMember({"markdown", "html"}))
        ->capture_default_str();
}

int run_content_render(const ContentCommand& command, std::istream& in, std::ostream& out,
                       std::ostream& err) {
    auto format = parse_body_format(command.format);
    if (!format) {
        err << "dateline: unknown format '" << command.format << "' (markdown, html)\n";
        return 2;
    }
    std::string source{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    auto body = render_story_body(*format, source, nullptr);
    if (!body) {
        err << "dateline: " << body.error().message << "\n";
        return 2;
    }
    out << body->html;
    if (!body->html.empty() && body->html.back() != '\n') out << '\n';
    for (const auto& w : body->warnings) {
        err << "stdin:";
        if (w.line > 0) err << w.line << ":" << w.column << ":";
        err << " warning: " << w.message << "\n";
    }
    return 0;
}

}  // namespace dateline

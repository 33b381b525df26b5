// dateline: the command-line entry point. Each subcommand builds the
// configuration, opens what it needs and reports failures as one clear line
// on standard error with a non-zero exit.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <iomanip>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>

#include "admin/password.h"
#include "admin/tokens.h"
#include "app/application.h"
#include "app/config.h"
#include "cli/content_command.h"
#include "cli/import_command.h"
#include "cli/media_command.h"
#include "demo/demo_site.h"
#include "model/user.h"

extern char** environ;

namespace dateline {
namespace {

int fail(const Error& error) {
    std::cerr << "dateline: " << error.message << "\n";
    return error.kind == ErrorKind::invalid ? 2 : 1;
}

struct CommonOptions {
    std::optional<std::string> config_file;
    std::optional<std::string> data_dir;
    std::optional<std::string> listen;

    std::vector<Setting> flags() const {
        std::vector<Setting> out;
        if (data_dir) out.push_back({"data.dir", *data_dir, "--data"});
        if (listen) out.push_back({"server.listen", *listen, "--listen"});
        return out;
    }
};

Result<std::unique_ptr<Application>> open_application(const CommonOptions& common) {
    std::optional<std::filesystem::path> file;
    if (common.config_file) file = *common.config_file;
    auto config = load_config(file, environ, common.flags());
    if (!config) return config.error();
    auto app = std::make_unique<Application>(std::move(*config));
    if (auto st = app->open(); !st) return st.error();
    return app;
}

std::string settings_help() {
    std::string text =
        "\nSettings (config file key, or DATELINE_SECTION_KEY in the environment):\n";
    for (const auto& [key, description] : setting_descriptions())
        text += "  " + key + std::string(key.size() < 26 ? 26 - key.size() : 1, ' ') + description +
                "\n";
    return text;
}

int run(int argc, char** argv) {
    CLI::App cli{"Dateline: a self-hosted news publishing system"};
    cli.require_subcommand(1);
    cli.footer(settings_help());
    CommonOptions common;
    auto add_common = [&](CLI::App* cmd) {
        cmd->add_option("--config", common.config_file,
                        "TOML configuration file (default: DATA/dateline.toml when present)");
        cmd->add_option("--data", common.data_dir, "Data folder (default ./data)");
    };

    auto* serve = cli.add_subcommand("serve", "Serve the site and the newsroom");
    add_common(serve);
    serve->add_option("--listen", common.listen, "host:port to listen on (default 127.0.0.1:8080)");
    bool demo = false;
    serve->add_flag("--demo", demo, "Seed the demo site first when the site is empty");

    auto* migrate = cli.add_subcommand("migrate", "Create or upgrade the database schema");
    add_common(migrate);

    auto* user = cli.add_subcommand("user", "Manage staff accounts");
    user->require_subcommand(1);
    auto* user_add = user->add_subcommand("add", "Add a staff account");
    add_common(user_add);
    std::string email, name, role_name = "contributor", password;
    bool password_stdin = false;
    user_add->add_option("--email", email, "E-mail address (the login)")->required();
    user_add->add_option("--name", name, "Name shown in the newsroom")->required();
    user_add->add_option("--role", role_name, "owner, admin, editor, author or contributor")
        ->capture_default_str();
    user_add->add_flag("--password-stdin", password_stdin,
                       "Read the password from standard input (otherwise DATELINE_PASSWORD)");

    auto* demo_cmd = cli.add_subcommand("demo", "Add demo content");
    add_common(demo_cmd);
    int64_t stories = 0;
    uint32_t seed = 1;
    demo_cmd->add_option("--stories", stories,
                         "Generate this many deterministic stories (for benchmarks)");
    demo_cmd->add_option("--seed", seed, "Seed of the generator")->capture_default_str();
    std::string demo_file;
    demo_cmd->add_option("--from", demo_file,
                         "Seed from this demo site file instead of the bundled one");

    MediaAddOptions media_options;
    auto* media_add = add_media_commands(cli, media_options);
    add_common(media_add);

    ImportCommand import_command;
    add_import_commands(cli, import_command);
    add_common(import_command.wordpress);

    cli.add_subcommand("version", "Print the version");
    ContentCommand content;
    add_content_command(cli, content);

    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return cli.exit(e);
    }

    if (cli.got_subcommand("version")) {
        std::cout << "dateline " << DATELINE_VERSION << "\n";
        return 0;
    }

    // Needs no data folder: runs before the application opens.
    if (content.render->parsed())
        return run_content_render(content, std::cin, std::cout, std::cerr);

    auto app = open_application(common);
    if (!app) return fail(app.error());

    if (cli.got_subcommand(serve)) {
        if (demo) {
            if (auto st = (*app)->seed_demo_if_empty(); !st) return fail(st.error());
            // A way into the demo newsroom: an owner with a password made now
            // and shown once (never a fixed one).
            if ((*app)->store().users().count() == 0) {
                std::string password = random_token(12);
                User owner;
                owner.email = "owner@example.com";
                owner.name = "Demo Owner";
                owner.role = Role::owner;
                owner.password_hash = *hash_password(password);
                owner.created_at = (*app)->clock().now();
                auto id = (*app)->store().users().create(owner);
                if (!id) return fail(id.error());
                std::cout << "Demo newsroom: sign in at /admin as owner@example.com with password "
                          << password << " (shown once; change it under Your account)" << std::endl;
            }
        }
        if (auto st = (*app)->serve(); !st) return fail(st.error());
        return 0;
    }
    if (media_add->parsed()) return run_media_add(**app, media_options);
    if (import_command.wordpress->parsed())
        return run_import_wordpress(**app, import_command, std::cout);
    if (cli.got_subcommand(migrate)) {
        std::cout << "schema version " << (*app)->store().schema_version() << "\n";
        return 0;
    }
    if (cli.got_subcommand(demo_cmd)) {
        if (stories == 0) {
            if (auto st = (*app)->seed_demo_if_empty(demo_file); !st) return fail(st.error());
        } else {
            // The demo site's pictures are painted while the stories are written.
            auto heroes = (*app)->seed_demo_heroes_later_if_empty(demo_file);
            if (!heroes) return fail(heroes.error());
            auto made = generate_stories((*app)->store(), (*app)->media(), stories, seed, {},
                                         heroes->get());
            if (!made) return fail(made.error());
            auto seconds = [](std::chrono::duration<double> d) {
                std::ostringstream out;
                out << std::fixed << std::setprecision(1) << d.count() << " s";
                return out.str();
            };
            std::cout << "generated " << made->created << " stories (pictures "
                      << seconds(made->pictures) << ", stories " << seconds(made->writing)
                      << ", search index " << seconds(made->indexing) << ", statistics "
                      << seconds(made->statistics) << ")\n";
        }
        std::cout << (*app)->store().stories().count() << " stories in "
                  << (*app)->config().database_path().string() << "\n";
        return 0;
    }
    if (user->got_subcommand(user_add)) {
        auto role = parse_role(role_name);
        if (!role)
            return fail(Error::invalid(
                "role",
                "unknown role '" + role_name + "' (owner, admin, editor, author, contributor)"));
        if (password_stdin) {
            std::getline(std::cin, password);
        } else if (const char* p = std::getenv("DATELINE_PASSWORD")) {
            password = p;
        } else {
            return fail(Error::invalid(
                "password", "give the password with --password-stdin or DATELINE_PASSWORD"));
        }
        if (*role == Role::owner)
            for (const auto& existing : (*app)->store().users().list())
                if (existing.role == Role::owner)
                    return fail(Error::conflict("the site has an owner already (" + existing.email +
                                                "); there is one owner"));
        auto hash = hash_password(password);
        if (!hash) return fail(hash.error());
        User u;
        u.email = email;
        u.name = name;
        u.role = *role;
        u.password_hash = *hash;
        u.created_at = (*app)->clock().now();
        auto id = (*app)->store().users().create(u);
        if (!id) return fail(id.error());
        std::cout << "added " << to_string(u.role) << " " << email << " (id " << *id << ")\n";
        return 0;
    }
    return 0;
}

}  // namespace
}  // namespace dateline

int main(int argc, char** argv) {
    try {
        return dateline::run(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "dateline: unexpected error: " << e.what() << "\n";
        return 1;
    }
}

// Configuration: defaults, then an optional TOML file, then DATELINE_*
// environment variables, then command-line flags; each later source wins.
// Every key is documented in docs/configuration.md.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/readership_settings.h"
#include "http/limits.h"
#include "site/site.h"
#include "util/status.h"

namespace dateline {

// One setting as text, from whichever source.
struct Setting {
    std::string key;  // "server.listen"
    std::string value;
    std::string source;  // "dateline.toml", "DATELINE_SERVER_LISTEN", "--listen"
};

struct Config {
    std::filesystem::path data_dir = "data";
    std::string listen_address = "127.0.0.1";
    uint16_t listen_port = 8080;
    int threads = 0;  // 0: one per core
    std::string access_log = "-";
    http::Limits limits;
    SiteInfo site;
    std::string timezone = "UTC";
    std::string theme = "broadsheet";
    std::filesystem::path themes_dir;  // empty: found next to the program
    size_t cache_bytes = 256u * 1024 * 1024;
    // How often "Most searched" counts are written (docs/search.md).
    std::chrono::seconds search_flush_interval{60};
    ReadershipSettings readership;
    // What the file, environment and flags said, so that settings stored in
    // the database can be applied underneath them.
    std::vector<Setting> explicit_settings;

    std::filesystem::path database_path() const { return data_dir / "dateline.db"; }
    std::filesystem::path media_dir() const { return data_dir / "media"; }
};

// Applies settings in order. invalid errors name the key, the source and
// what is allowed.
Status apply_settings(Config& config, const std::vector<Setting>& settings);

// Reads a TOML file into settings ("[server] listen = ..." -> server.listen).
Result<std::vector<Setting>> settings_from_toml(const std::filesystem::path& file);
// DATELINE_SERVER_LISTEN -> server.listen, for the known keys.
Result<std::vector<Setting>> settings_from_environment(char** environ);

// The keys with their descriptions, for --help and the docs.
const std::vector<std::pair<std::string, std::string>>& setting_descriptions();

// The configuration with settings stored in the site's database applied
// underneath the explicit ones (the file, environment and flags win).
Result<Config> with_stored_settings(const Config& config,
                                    const std::vector<std::pair<std::string, std::string>>& stored);

// Builds the configuration: defaults, the file (explicit, or dateline.toml in
// the data directory when present), the environment, then the flags.
Result<Config> load_config(const std::optional<std::filesystem::path>& file, char** environ,
                           const std::vector<Setting>& flags);

}  // namespace dateline

#include "app/config.h"

#include <toml++/toml.h>
#include <functional>

#include "util/strings.h"

namespace dateline {

namespace {

using Setter = std::function<Status(Config&, const std::string& value)>;

Status bad(const Setting& s, const std::string& allowed) {
    return Error::invalid(s.key, "invalid value '" + s.value + "' for " + s.key + " (from " +
                                     s.source + "): " + allowed);
}

struct Key {
    std::string name;
    std::string description;
    std::function<std::optional<std::string>(Config&, const std::string&)> set;  // error text
};

std::optional<std::string> set_int(int64_t& out, const std::string& v, int64_t lo, int64_t hi) {
    auto n = parse_int(v);
    if (!n || *n < lo || *n > hi)
        return "expected a whole number from " + std::to_string(lo) + " to " + std::to_string(hi);
    out = *n;
    return std::nullopt;
}

const std::vector<Key>& keys() {
    static const std::vector<Key> all = {
        {"data.dir", "Folder for the database, media and logs (default ./data).",
         [](Config& c, const std::string& v) -> std::optional<std::string> {
             if (v.empty()) return "expected a folder path";
             c.data_dir = v;
             return std::nullopt;
         }},
        {"server.listen", "Address and port to serve on, host:port (default 127.0.0.1:8080).",
         [](Config& c, const std::string& v) -> std::optional<std::string> {
             size_t colon = v.rfind(':');
             if (colon == std::string::npos || colon == 0)
                 return "expected host:port, such as 127.0.0.1:8080 or [::1]:8080";
             std::string host = v.substr(0, colon);
             if (host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
             int64_t port = 0;
             if (set_int(port, v.substr(colon + 1), 0, 65535))
                 return "expected host:port with a port from 0 to 65535";
             c.listen_address = host == "localhost" ? "127.0.0.1" : host;
             c.listen_port = static_cast<uint16_t>(port);
             return std::nullopt;
         }},
        {"server.threads", "Serving threads, one event loop each (0: one per core).",
         [](Config& c, const std::string& v) -> std::optional<std::string> {
             int64_t n = 0;
             if (auto e = set_int(n, v, 0, 256)) return e;
             c.threads = static_cast<int>(n);
             return std::nullopt;
         }},
        {"server.access_log",
         "Access log: a file path, \"-\" for standard output, \"off\" for none.",
         [](Config& c, const std::string& v) -> std::optional<std::string> {
             c.access_log = v == "off" ? "" : v;
             return std::nullopt;
         }},
        {"server.max_header_bytes", "Largest request head in bytes; larger answers 431.",
         [](Config& c, const std::string& v) -> std::optional<std::string> {
             int64_t n = 0;
             if (auto e = set_int(n, v, 1024, 1024 * 1024)) return e;
             c.limits.max_header_bytes = static_cast<size_t>(n);
             return std::nullopt;
         }},
        {"server.max_body_bytes", "Largest request body in bytes; larger answers 413.",
         [](Config& c, const std::string& v) -> std::optional<std::string> {
             int64_t n = 0;
             if (auto e = set_int(n, v, 1024, int64_t{1} << 32)) return e;
             c.limits.max_body_bytes = static_cast<size_t>(n);
             return std::nullopt;
         }},
        {"server.read_timeout", "Seconds a client has to send a request; slower ones are dropped.",
         [](Config& c, const std::string& v) -> std::optional<std::string> {
             int64_t n = 0;
             if (auto e = set_int(n, v, 1, 3600)) return e;
             c.limits.read_timeout = std::chrono::seconds(n);
             return std::nullopt;
         }},
        {"server.write_timeout",
         "Seconds a client has to take an answer (each wait, on large pages); slower ones are "
         "dropped.",
         [](Config& c, const std::string& v) -> std::optional<std::string> {
             int64_t n = 0;
             if (auto e = set_int(n, v, 1, 3600)) return e;
             c.limits.write_timeout = std::chrono::seconds(n);
             return std::nullopt;
         }},
        {"server.shutdown_grace", "Seconds requests in flight get to finish on shutdown.",
         [](Config& c, const std::string& v) -> std::optional<std::string> {
             int64_t n = 0;
             if (auto e = set_int(n, v, 0, 600)) return e;
             c.limits.shutdown_grace = std::chrono::seconds(n);
             return std::nullopt;
         }},
        {"site.title", "The publication's name.",
         [](Config& c, const std::string& v) -> std::optional<std::string> {
             if (trim(v).empty()) return "expected a non-empty title";
             c.site.title = v;
             return std::nullopt;
         }},
        {"site.tagline", "One line under the name.",
         [](Config& c, const std::string& v) -> std::optional<std::string> {
             c.site.tagline = v;
             return std::nullopt;
         }},
        {"site.description", "The home page's description for search engines.",
         [](Config& c, const std::string& v) -> std::optional<std::string> {
             c.site.description = v;
             return std::nullopt;
         }},
        {"site.url", "The public address of the site, for canonical links (no trailing slash).",
         [](Config& c, const std::string& v) -> std::optional<std::string> {
             if (!starts_with(v, "http://") && !starts_with(v, "https://"))
                 return "expected an absolute http:// or https:// address";
             std::string url = v;
             while (url.size() > 8 && url.back() == '/')
                 url.pop_back();
             c.site.base_url = url;
             return std::nullopt;
         }},
        {"site.language", "The site's language as a BCP 47 tag (default en).",
         [](Config& c, const std::string& v) -> std::optional<std::string> {
             if (v.empty() || v.size() > 35) return "expected a language tag such as en or en-GB";
             c.site.language = v;
             return std::nullopt;
         }},
        {"site.timezone", "IANA time zone that dates are shown in (default UTC).",
         [](Config& c, const std::string& v) -> std::optional<std::string> {
             if (v.empty()) return "expected an IANA time zone such as Asia/Kolkata";
             c.timezone = v;  // checked against tzdata when the site opens
             return std::nullopt;
         }},
        {"site.agency_credit", "The credit line under stories marked as using agency copy.",
         [](Config& c, const std::string& v) -> std::optional<std::string> {
             c.site.agency_credit = v;
             return std::nullopt;
         }},
        {"feeds.full_content",
         "Feeds carry whole story bodies (true) or the standfirst only (false, the default).",
         [](Config& c, const std::string& v) -> std::optional<std::string> {
             if (v == "true" || v == "1") {
                 c.site.full_content_feeds = true;
             } else if (v == "false" || v == "0") {
                 c.site.full_content_feeds = false;
             } else {
                 return "expected true or false";
             }
             return std::nullopt;
         }},
        {"theme.name", "The theme folder to use (default broadsheet).",
         [](Config& c, const std::string& v) -> std::optional<std::string> {
             if (v.empty() || v.find('/') != std::string::npos || v.find("..") != std::string::npos)
                 return "expected a theme folder name";
             c.theme = v;
             return std::nullopt;
         }},
        {"theme.dir", "Where theme folders live (default: next to the program).",
         [](Config& c, const std::string& v) -> std::optional<std::string> {
             c.themes_dir = v;
             return std::nullopt;
         }},
        {"cache.max_mb", "Memory for cached pages, in MiB (default 256).",
         [](Config& c, const std::string& v) -> std::optional<std::string> {
             int64_t n = 0;
             if (auto e = set_int(n, v, 1, 1024 * 1024)) return e;
             c.cache_bytes = static_cast<size_t>(n) * 1024 * 1024;
             return std::nullopt;
         }},
        {"search.flush_seconds",
         "Seconds between writes of the anonymous search counts behind Most searched (default "
         "60).",
         [](Config& c, const std::string& v) -> std::optional<std::string> {
             int64_t n = 0;
             if (auto e = set_int(n, v, 1, 86400)) return e;
             c.search_flush_interval = std::chrono::seconds(n);
             return std::nullopt;
         }},
        {"readership.enabled",
         "Count story views and show Most Read and computed Trending (true, the default, or "
         "false).",
         [](Config& c, const std::string& v) -> std::optional<std::string> {
             if (v != "true" && v != "false") return "expected true or false";
             c.readership.enabled = v == "true";
             return std::nullopt;
         }},
        {"readership.flush_ms",
         "How often counted views are written to the database, in "
         "milliseconds (default 10000).",
         [](Config& c, const std::string& v) -> std::optional<std::string> {
             int64_t n = 0;
             if (auto e = set_int(n, v, 10, 3'600'000)) return e;
             c.readership.flush_interval = std::chrono::milliseconds(n);
             return std::nullopt;
         }},
        {"readership.rank_ms",
         "How often Most Read and Trending are recomputed, in milliseconds (default 60000).",
         [](Config& c, const std::string& v) -> std::optional<std::string> {
             int64_t n = 0;
             if (auto e = set_int(n, v, 10, 86'400'000)) return e;
             c.readership.rank_interval = std::chrono::milliseconds(n);
             return std::nullopt;
         }},
        {"readership.half_life_hours",
         "Hours after which a view counts half as much in the rankings (default 6).",
         [](Config& c, const std::string& v) -> std::optional<std::string> {
             int64_t n = 0;
             if (auto e = set_int(n, v, 1, 720)) return e;
             c.readership.half_life_hours = static_cast<double>(n);
             return std::nullopt;
         }},
        {"readership.window_hours", "Hours of views the rankings look at (default 48).",
         [](Config& c, const std::string& v) -> std::optional<std::string> {
             int64_t n = 0;
             if (auto e = set_int(n, v, 1, 24 * 90)) return e;
             c.readership.window_hours = static_cast<int>(n);
             return std::nullopt;
         }},
    };
    return all;
}

}  // namespace

const std::vector<std::pair<std::string, std::string>>& setting_descriptions() {
    static const auto out = [] {
        std::vector<std::pair<std::string, std::string>> v;
        for (const auto& k : keys())
            v.emplace_back(k.name, k.description);
        return v;
    }();
    return out;
}

Status apply_settings(Config& config, const std::vector<Setting>& settings) {
    for (const auto& s : settings) {
        const Key* key = nullptr;
        for (const auto& k : keys())
            if (k.name == s.key) key = &k;
        if (!key) {
            std::string known;
            for (const auto& k : keys())
                known += (known.empty() ? "" : ", ") + k.name;
            return Error::invalid(s.key, "unknown setting '" + s.key + "' (from " + s.source +
                                             "); known settings: " + known);
        }
        if (auto problem = key->set(config, s.value)) return bad(s, *problem);
    }
    return {};
}

Result<std::vector<Setting>> settings_from_toml(const std::filesystem::path& file) {
    toml::table table;
    try {
        table = toml::parse_file(file.string());
    } catch (const toml::parse_error& e) {
        std::string where = file.string();
        if (e.source().begin.line) where += ":" + std::to_string(e.source().begin.line);
        return Error::invalid("config", where + ": " + std::string(e.description()));
    }
    std::vector<Setting> out;
    std::string source = file.filename().string();
    for (auto&& [section, node] : table) {
        auto* sub = node.as_table();
        if (!sub)
            return Error::invalid(std::string(section.str()),
                                  source + ": '" + std::string(section.str()) +
                                      "' must be a [section] such as [server] or [site]");
        for (auto&& [name, value] : *sub) {
            std::string key = std::string(section.str()) + "." + std::string(name.str());
            std::string text;
            if (auto s = value.value<std::string>(); s && value.is_string())
                text = *s;
            else if (auto i = value.value<int64_t>(); i && value.is_integer())
                text = std::to_string(*i);
            else if (auto b = value.value<bool>(); b && value.is_boolean())
                text = *b ? "true" : "false";
            else
                return Error::invalid(key, source + ": " + key + " must be a string or a number");
            out.push_back({key, text, source});
        }
    }
    return out;
}

Result<std::vector<Setting>> settings_from_environment(char** environ) {
    std::vector<Setting> out;
    for (char** e = environ; e && *e; ++e) {
        std::string_view entry(*e);
        if (!starts_with(entry, "DATELINE_")) continue;
        size_t eq = entry.find('=');
        std::string name(entry.substr(0, eq));
        std::string value(eq == std::string_view::npos ? "" : entry.substr(eq + 1));
        // DATELINE_SERVER_LISTEN -> server.listen: the first '_' after the
        // prefix separates section and key.
        std::string rest = to_lower(name.substr(std::string_view("DATELINE_").size()));
        size_t split_at = rest.find('_');
        if (split_at == std::string::npos) continue;
        std::string key = rest.substr(0, split_at) + "." + rest.substr(split_at + 1);
        // A typo in a known section is an error; other DATELINE_* names
        // (DATELINE_PASSWORD, a test harness's own) are not settings.
        bool known = false, known_section = false;
        for (const auto& k : keys()) {
            known = known || k.name == key;
            known_section = known_section || starts_with(k.name, key.substr(0, split_at + 1));
        }
        if (!known_section) continue;
        if (!known) return Error::invalid(name, "unknown environment setting " + name);
        out.push_back({key, value, name});
    }
    return out;
}

Result<Config> load_config(const std::optional<std::filesystem::path>& file, char** environ,
                           const std::vector<Setting>& flags) {
    Config config;
    auto env = settings_from_environment(environ);
    if (!env) return env.error();
    // The data folder decides where the default config file is, so read it
    // from the environment and flags first.
    Config probe;
    if (auto st = apply_settings(probe, *env); !st) return st.error();
    if (auto st = apply_settings(probe, flags); !st) return st.error();

    std::vector<Setting> file_settings;
    std::optional<std::filesystem::path> path = file;
    if (!path && std::filesystem::exists(probe.data_dir / "dateline.toml"))
        path = probe.data_dir / "dateline.toml";
    if (path) {
        if (!std::filesystem::exists(*path))
            return Error::io("configuration file " + path->string() + " not found");
        auto from_file = settings_from_toml(*path);
        if (!from_file) return from_file.error();
        if (auto st = apply_settings(config, *from_file); !st) return st.error();
        file_settings = *from_file;
    }
    if (auto st = apply_settings(config, *env); !st) return st.error();
    if (auto st = apply_settings(config, flags); !st) return st.error();
    config.explicit_settings = file_settings;
    config.explicit_settings.insert(config.explicit_settings.end(), env->begin(), env->end());
    config.explicit_settings.insert(config.explicit_settings.end(), flags.begin(), flags.end());
    return config;
}

}  // namespace dateline

namespace dateline {

Result<Config> with_stored_settings(
    const Config& config, const std::vector<std::pair<std::string, std::string>>& stored) {
    Config out = config;
    std::vector<Setting> from_store;
    for (const auto& [key, value] : stored) {
        // Only the site's own settings live in the database, and any that the
        // file, environment or flags set stay as they said.
        if (!starts_with(key, "site.")) continue;
        bool explicitly_set = false;
        for (const auto& s : config.explicit_settings)
            explicitly_set |= s.key == key;
        if (!explicitly_set) from_store.push_back({key, value, "the site's settings"});
    }
    if (auto st = apply_settings(out, from_store); !st) return st.error();
    return out;
}

}  // namespace dateline

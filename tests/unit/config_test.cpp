#include "app/config.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace dateline {

static void PrintTo(ErrorKind kind, std::ostream* os) {
    *os << to_string(kind);
}

namespace {

namespace fs = std::filesystem;

Status apply(Config& c, const std::string& key, const std::string& value) {
    return apply_settings(c, {Setting{key, value, "test"}});
}

// Applies one setting to a default Config and returns the Config, failing
// the test when the setting is refused.
Config applied(const std::string& key, const std::string& value) {
    Config c;
    auto st = apply(c, key, value);
    EXPECT_TRUE(st.ok()) << key << " = " << value << ": " << st.error().message;
    return c;
}

void expect_refused(const std::string& key, const std::string& value) {
    Config c;
    auto st = apply(c, key, value);
    ASSERT_FALSE(st.ok()) << key << " = '" << value << "' was accepted";
    EXPECT_EQ(st.error().kind, ErrorKind::invalid) << key << " = " << value;
    EXPECT_EQ(st.error().field, key);
    EXPECT_NE(st.error().message.find(key), std::string::npos) << st.error().message;
    EXPECT_NE(st.error().message.find("test"), std::string::npos)  // the source
        << st.error().message;
}

TEST(ApplySettings, Defaults) {
    Config c;
    EXPECT_EQ(c.listen_address, "127.0.0.1");
    EXPECT_EQ(c.listen_port, 8080);
    EXPECT_EQ(c.cache_bytes, 256u * 1024 * 1024);
    EXPECT_EQ(c.timezone, "UTC");
    EXPECT_EQ(c.theme, "broadsheet");
    EXPECT_EQ(c.database_path(), fs::path("data") / "dateline.db");
    EXPECT_EQ(c.media_dir(), fs::path("data") / "media");
}

TEST(ApplySettings, ServerListen) {
    Config c = applied("server.listen", "127.0.0.1:0");
    EXPECT_EQ(c.listen_address, "127.0.0.1");
    EXPECT_EQ(c.listen_port, 0);
    c = applied("server.listen", "[::1]:8080");
    EXPECT_EQ(c.listen_address, "::1");
    EXPECT_EQ(c.listen_port, 8080);
    c = applied("server.listen", "0.0.0.0:65535");
    EXPECT_EQ(c.listen_address, "0.0.0.0");
    EXPECT_EQ(c.listen_port, 65535);
    c = applied("server.listen", "localhost:9000");
    EXPECT_EQ(c.listen_address, "127.0.0.1");
    EXPECT_EQ(c.listen_port, 9000);

    for (const char* bad : {"nohost", "1.2.3.4:99999", "1.2.3.4:65536", ":8080", "host:", "host:-1",
                            "host:http", "", "[::1]"}) {
        expect_refused("server.listen", bad);
    }
}

TEST(ApplySettings, ServerNumbersWithinTheirRanges) {
    EXPECT_EQ(applied("server.threads", "0").threads, 0);
    EXPECT_EQ(applied("server.threads", "256").threads, 256);
    expect_refused("server.threads", "257");
    expect_refused("server.threads", "-1");
    expect_refused("server.threads", "four");

    EXPECT_EQ(applied("server.max_header_bytes", "1024").limits.max_header_bytes, 1024u);
    expect_refused("server.max_header_bytes", "1023");
    expect_refused("server.max_header_bytes", "1048577");

    EXPECT_EQ(applied("server.max_body_bytes", "2048").limits.max_body_bytes, 2048u);
    expect_refused("server.max_body_bytes", "100");

    EXPECT_EQ(applied("server.read_timeout", "30").limits.read_timeout, std::chrono::seconds(30));
    expect_refused("server.read_timeout", "0");
    expect_refused("server.read_timeout", "3601");
    EXPECT_EQ(applied("server.write_timeout", "5").limits.write_timeout, std::chrono::seconds(5));
    expect_refused("server.write_timeout", "0");
    expect_refused("server.write_timeout", "x");

    EXPECT_EQ(applied("server.shutdown_grace", "0").limits.shutdown_grace, std::chrono::seconds(0));
    expect_refused("server.shutdown_grace", "601");
    expect_refused("server.shutdown_grace", "1.5");
}

TEST(ApplySettings, AccessLog) {
    EXPECT_EQ(applied("server.access_log", "off").access_log, "");
    EXPECT_EQ(applied("server.access_log", "-").access_log, "-");
    EXPECT_EQ(applied("server.access_log", "/var/log/dateline.log").access_log,
              "/var/log/dateline.log");
}

TEST(ApplySettings, CacheSize) {
    EXPECT_EQ(applied("cache.max_mb", "1").cache_bytes, 1024u * 1024);
    EXPECT_EQ(applied("cache.max_mb", "512").cache_bytes, 512u * 1024 * 1024);
    expect_refused("cache.max_mb", "0");
    expect_refused("cache.max_mb", "-5");
    expect_refused("cache.max_mb", "lots");
}

TEST(ApplySettings, SiteUrl) {
    EXPECT_EQ(applied("site.url", "https://news.example.com").site.base_url,
              "https://news.example.com");
    EXPECT_EQ(applied("site.url", "https://news.example.com/").site.base_url,
              "https://news.example.com");
    EXPECT_EQ(applied("site.url", "http://127.0.0.1:8080//").site.base_url,
              "http://127.0.0.1:8080");
    EXPECT_EQ(applied("site.url", "https://example.com/news/").site.base_url,
              "https://example.com/news");
    expect_refused("site.url", "news.example.com");
    expect_refused("site.url", "ftp://news.example.com");
    expect_refused("site.url", "//news.example.com");
    expect_refused("site.url", "");
}

TEST(ApplySettings, SiteTexts) {
    EXPECT_EQ(applied("site.title", "The Ledger").site.title, "The Ledger");
    expect_refused("site.title", "");
    expect_refused("site.title", "   ");
    EXPECT_EQ(applied("site.tagline", "").site.tagline, "");
    EXPECT_EQ(applied("site.tagline", "All the news").site.tagline, "All the news");
    EXPECT_EQ(applied("site.description", "About us").site.description, "About us");
    EXPECT_EQ(applied("site.agency_credit", "With PTI inputs").site.agency_credit,
              "With PTI inputs");
    EXPECT_EQ(applied("site.language", "en-GB").site.language, "en-GB");
    expect_refused("site.language", "");
    expect_refused("site.language", std::string(36, 'x'));
    EXPECT_EQ(applied("site.timezone", "Asia/Kolkata").timezone, "Asia/Kolkata");
    expect_refused("site.timezone", "");
}

TEST(ApplySettings, ThemeAndData) {
    EXPECT_EQ(applied("theme.name", "broadsheet-2").theme, "broadsheet-2");
    expect_refused("theme.name", "");
    expect_refused("theme.name", "../etc");
    expect_refused("theme.name", "a/b");
    expect_refused("theme.name", "..");
    EXPECT_EQ(applied("theme.dir", "/srv/themes").themes_dir, fs::path("/srv/themes"));
    Config c = applied("data.dir", "/srv/dateline");
    EXPECT_EQ(c.data_dir, fs::path("/srv/dateline"));
    EXPECT_EQ(c.database_path(), fs::path("/srv/dateline/dateline.db"));
    expect_refused("data.dir", "");
}

TEST(ApplySettings, UnknownKeyNamesItAndListsTheKnownOnes) {
    Config c;
    auto st = apply_settings(c, {Setting{"server.colour", "blue", "dateline.toml"}});
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().kind, ErrorKind::invalid);
    EXPECT_EQ(st.error().field, "server.colour");
    const std::string& m = st.error().message;
    EXPECT_NE(m.find("server.colour"), std::string::npos) << m;
    EXPECT_NE(m.find("dateline.toml"), std::string::npos) << m;
    for (const auto& [key, description] : setting_descriptions())
        EXPECT_NE(m.find(key), std::string::npos) << key << " missing from: " << m;
}

TEST(ApplySettings, LaterSettingsWinAndTheFirstErrorStops) {
    Config c;
    ASSERT_TRUE(
        apply_settings(c, {{"site.title", "First", "a"}, {"site.title", "Second", "b"}}).ok());
    EXPECT_EQ(c.site.title, "Second");

    Config d;
    auto st = apply_settings(
        d,
        {{"site.title", "Kept", "a"}, {"cache.max_mb", "0", "b"}, {"site.tagline", "never", "c"}});
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().field, "cache.max_mb");
    EXPECT_EQ(d.site.title, "Kept");
    EXPECT_EQ(d.site.tagline, "");
}

TEST(SettingDescriptions, EveryKeyIsDescribedAndApplicable) {
    const auto& all = setting_descriptions();
    EXPECT_GE(all.size(), 15u);
    std::map<std::string, std::string> by_key(all.begin(), all.end());
    EXPECT_EQ(by_key.size(), all.size()) << "duplicate keys";
    for (const auto& [key, description] : all) {
        EXPECT_FALSE(description.empty()) << key;
        EXPECT_NE(key.find('.'), std::string::npos) << key;
    }
    EXPECT_TRUE(by_key.count("server.listen"));
    EXPECT_TRUE(by_key.count("cache.max_mb"));
}

class ConfigFiles : public ::testing::Test {
  protected:
    void SetUp() override {
        static std::atomic<int> counter{0};
        dir_ = fs::temp_directory_path() / ("dateline-config-test-" + std::to_string(::getpid()) +
                                            "-" + std::to_string(counter.fetch_add(1)));
        fs::create_directories(dir_);
    }
    void TearDown() override {
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }
    fs::path write(const std::string& name, const std::string& text) {
        std::ofstream(dir_ / name) << text;
        return dir_ / name;
    }
    fs::path dir_;
};

std::map<std::string, std::string> as_map(const std::vector<Setting>& settings) {
    std::map<std::string, std::string> out;
    for (const auto& s : settings)
        out[s.key] = s.value;
    return out;
}

TEST_F(ConfigFiles, TomlSectionsBecomeDottedKeys) {
    auto file = write("dateline.toml",
                      "# comment\n"
                      "[server]\n"
                      "listen = \"0.0.0.0:8081\"\n"
                      "threads = 4\n"
                      "\n"
                      "[site]\n"
                      "title = \"The Ledger\"\n"
                      "timezone = 'Asia/Kolkata'\n"
                      "\n"
                      "[cache]\n"
                      "max_mb = 64\n");
    auto settings = settings_from_toml(file);
    ASSERT_TRUE(settings.ok()) << settings.error().message;
    EXPECT_EQ(as_map(*settings), (std::map<std::string, std::string>{
                                     {"server.listen", "0.0.0.0:8081"},
                                     {"server.threads", "4"},
                                     {"site.title", "The Ledger"},
                                     {"site.timezone", "Asia/Kolkata"},
                                     {"cache.max_mb", "64"},
                                 }));
    for (const auto& s : *settings)
        EXPECT_EQ(s.source, "dateline.toml");

    Config c;
    ASSERT_TRUE(apply_settings(c, *settings).ok());
    EXPECT_EQ(c.listen_port, 8081);
    EXPECT_EQ(c.threads, 4);
    EXPECT_EQ(c.cache_bytes, 64u * 1024 * 1024);
}

TEST_F(ConfigFiles, TomlBooleansAreText) {
    auto file = write("x.toml", "[site]\nflag = true\n");
    auto settings = settings_from_toml(file);
    ASSERT_TRUE(settings.ok());
    EXPECT_EQ(as_map(*settings)["site.flag"], "true");
}

TEST_F(ConfigFiles, TomlSyntaxErrorGivesTheLineNumber) {
    auto file = write("broken.toml", "[server]\nlisten = \"127.0.0.1:80\"\nthreads = = 4\n");
    auto settings = settings_from_toml(file);
    ASSERT_FALSE(settings.ok());
    EXPECT_EQ(settings.error().kind, ErrorKind::invalid);
    EXPECT_NE(settings.error().message.find("broken.toml:3"), std::string::npos)
        << settings.error().message;
}

TEST_F(ConfigFiles, TomlTopLevelValueIsRejected) {
    auto file = write("flat.toml", "title = \"The Ledger\"\n[server]\nthreads = 2\n");
    auto settings = settings_from_toml(file);
    ASSERT_FALSE(settings.ok());
    EXPECT_EQ(settings.error().kind, ErrorKind::invalid);
    EXPECT_EQ(settings.error().field, "title");
    EXPECT_NE(settings.error().message.find("title"), std::string::npos);
}

TEST_F(ConfigFiles, TomlValuesOtherThanStringsNumbersAndBooleansAreRejected) {
    for (const char* text : {"[cache]\nmax_mb = 1.5\n", "[site]\ntitle = [\"a\", \"b\"]\n",
                             "[server.limits]\nx = 1\n"}) {
        auto file = write("odd.toml", text);
        auto settings = settings_from_toml(file);
        ASSERT_FALSE(settings.ok()) << text;
        EXPECT_EQ(settings.error().kind, ErrorKind::invalid) << text;
    }
}

TEST(Environment, MapsDatelineVariablesToKeys) {
    std::string e1 = "PATH=/usr/bin", e2 = "DATELINE_SERVER_LISTEN=0.0.0.0:9000",
                e3 = "DATELINE_SITE_TITLE=The = Ledger",
                e4 = "DATELINE_SERVER_MAX_HEADER_BYTES=4096", e5 = "HOME=/root",
                e6 = "XDATELINE_SITE_TITLE=ignored";
    char* env[] = {e1.data(), e2.data(), e3.data(), e4.data(), e5.data(), e6.data(), nullptr};
    auto settings = settings_from_environment(env);
    ASSERT_TRUE(settings.ok()) << settings.error().message;
    ASSERT_EQ(settings->size(), 3u);
    EXPECT_EQ((*settings)[0].key, "server.listen");
    EXPECT_EQ((*settings)[0].value, "0.0.0.0:9000");
    EXPECT_EQ((*settings)[0].source, "DATELINE_SERVER_LISTEN");
    EXPECT_EQ((*settings)[1].key, "site.title");
    EXPECT_EQ((*settings)[1].value, "The = Ledger");
    EXPECT_EQ((*settings)[2].key, "server.max_header_bytes");
    EXPECT_EQ((*settings)[2].value, "4096");
}

TEST(Environment, RejectsUnknownDatelineNames) {
    std::string e1 = "DATELINE_SERVER_COLOUR=blue";
    char* env[] = {e1.data(), nullptr};
    auto settings = settings_from_environment(env);
    ASSERT_FALSE(settings.ok());
    EXPECT_EQ(settings.error().kind, ErrorKind::invalid);
    EXPECT_NE(settings.error().message.find("DATELINE_SERVER_COLOUR"), std::string::npos);
}

TEST(Environment, NamesOutsideTheKnownSectionsAreNotSettings) {
    std::string e1 = "DATELINE_SOURCE_DIR=/src", e2 = "DATELINE_BINARY=/bin/dateline",
                e3 = "DATELINE_PASSWORD=secret", e4 = "DATELINE_SITE_TITLE=Kept";
    char* env[] = {e1.data(), e2.data(), e3.data(), e4.data(), nullptr};
    auto settings = settings_from_environment(env);
    ASSERT_TRUE(settings.ok()) << settings.error().message;
    ASSERT_EQ(settings->size(), 1u);
    EXPECT_EQ((*settings)[0].key, "site.title");
}

TEST(Environment, EmptyOrNullEnvironment) {
    char* empty[] = {nullptr};
    auto none = settings_from_environment(empty);
    ASSERT_TRUE(none.ok());
    EXPECT_TRUE(none->empty());
    auto null = settings_from_environment(nullptr);
    ASSERT_TRUE(null.ok());
    EXPECT_TRUE(null->empty());
}

TEST_F(ConfigFiles, LoadConfigLayersFileThenEnvironmentThenFlags) {
    auto file = write("site.toml",
                      "[server]\nlisten = \"127.0.0.1:1000\"\nthreads = 3\n"
                      "[site]\ntitle = \"From file\"\ntagline = \"File tagline\"\n");
    std::string e1 = "DATELINE_SERVER_LISTEN=127.0.0.1:2000",
                e2 = "DATELINE_SITE_TITLE=From environment";
    char* env[] = {e1.data(), e2.data(), nullptr};
    std::vector<Setting> flags{{"server.listen", "127.0.0.1:3000", "--listen"}};

    auto config = load_config(file, env, flags);
    ASSERT_TRUE(config.ok()) << config.error().message;
    EXPECT_EQ(config->listen_port, 3000);               // flag beats environment and file
    EXPECT_EQ(config->site.title, "From environment");  // environment beats file
    EXPECT_EQ(config->site.tagline, "File tagline");    // file beats defaults
    EXPECT_EQ(config->threads, 3);
    EXPECT_EQ(config->cache_bytes, 256u * 1024 * 1024);  // default

    // What was said explicitly, in order of precedence.
    ASSERT_FALSE(config->explicit_settings.empty());
    EXPECT_EQ(config->explicit_settings.back().source, "--listen");
    EXPECT_EQ(config->explicit_settings.size(), 4u + 2u + 1u);
}

TEST_F(ConfigFiles, LoadConfigFindsTheFileInTheDataFolder) {
    write("dateline.toml", "[site]\ntitle = \"Data folder\"\n");
    std::vector<Setting> flags{{"data.dir", dir_.string(), "--data"}};
    auto config = load_config(std::nullopt, nullptr, flags);
    ASSERT_TRUE(config.ok()) << config.error().message;
    EXPECT_EQ(config->site.title, "Data folder");
    EXPECT_EQ(config->data_dir, dir_);
}

TEST_F(ConfigFiles, LoadConfigWithoutAnyFileUsesDefaults) {
    std::vector<Setting> flags{{"data.dir", (dir_ / "empty").string(), "--data"}};
    auto config = load_config(std::nullopt, nullptr, flags);
    ASSERT_TRUE(config.ok()) << config.error().message;
    EXPECT_EQ(config->site.title, "Dateline");
    EXPECT_EQ(config->listen_port, 8080);
}

TEST_F(ConfigFiles, LoadConfigErrors) {
    auto missing = load_config(dir_ / "nope.toml", nullptr, {});
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().kind, ErrorKind::io);
    EXPECT_NE(missing.error().message.find("nope.toml"), std::string::npos);

    auto bad_file = write("bad.toml", "[cache]\nmax_mb = 0\n");
    auto refused = load_config(bad_file, nullptr, {});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().field, "cache.max_mb");

    std::string e1 = "DATELINE_SERVER_LISTEN=nohost";
    char* env[] = {e1.data(), nullptr};
    auto bad_env = load_config(std::nullopt, env, {{"data.dir", dir_.string(), "--data"}});
    ASSERT_FALSE(bad_env.ok());
    EXPECT_EQ(bad_env.error().field, "server.listen");
    EXPECT_NE(bad_env.error().message.find("DATELINE_SERVER_LISTEN"), std::string::npos);

    auto bad_flag = load_config(std::nullopt, nullptr,
                                {{"data.dir", dir_.string(), "--data"}, {"nope", "", "--nope"}});
    ASSERT_FALSE(bad_flag.ok());
    EXPECT_EQ(bad_flag.error().field, "nope");
}

TEST(WithStoredSettings, StoredSiteSettingsApplyUnlessExplicitlySet) {
    auto config = load_config(std::nullopt, nullptr,
                              {{"data.dir", "/nonexistent-dateline-dir", "--data"},
                               {"site.title", "Explicit Title", "--title"},
                               {"server.listen", "127.0.0.1:7000", "--listen"}});
    ASSERT_TRUE(config.ok()) << config.error().message;
    auto effective = with_stored_settings(*config, {{"site.title", "Stored Title"},
                                                    {"site.tagline", "Stored tagline"},
                                                    {"server.listen", "0.0.0.0:1"}});
    ASSERT_TRUE(effective.ok()) << effective.error().message;
    EXPECT_EQ(effective->site.title, "Explicit Title");
    EXPECT_EQ(effective->site.tagline, "Stored tagline");
    // Only site.* settings come from the database.
    EXPECT_EQ(effective->listen_address, "127.0.0.1");
    EXPECT_EQ(effective->listen_port, 7000);
    EXPECT_EQ(effective->data_dir, fs::path("/nonexistent-dateline-dir"));
    EXPECT_EQ(effective->explicit_settings.size(), config->explicit_settings.size());
}

TEST(WithStoredSettings, StoredTitleIsUsedWhenNotExplicit) {
    auto config =
        load_config(std::nullopt, nullptr, {{"data.dir", "/nonexistent-dateline-dir", "--data"}});
    ASSERT_TRUE(config.ok());
    auto effective = with_stored_settings(*config, {{"site.title", "Stored Title"}});
    ASSERT_TRUE(effective.ok());
    EXPECT_EQ(effective->site.title, "Stored Title");
}

// Bug: with_stored_settings (app/config.cpp) rebuilds the result from a
// default Config and replays only config.explicit_settings, so every field
// of the given Config that was set in code rather than through a Setting is
// silently reset (Application::serve() calls it on the Config it was built
// with). With nothing stored, the result should be the Config passed in.
TEST(WithStoredSettings, KeepsFieldsSetWithoutSettings) {
    Config config;
    config.listen_port = 0;
    config.data_dir = "/srv/dateline";
    config.site.title = "Set in code";
    auto effective = with_stored_settings(config, {});
    ASSERT_TRUE(effective.ok());
    EXPECT_EQ(effective->listen_port, 0);
    EXPECT_EQ(effective->data_dir, fs::path("/srv/dateline"));
    EXPECT_EQ(effective->site.title, "Set in code");
}

TEST(WithStoredSettings, InvalidStoredValueIsReported) {
    Config config;
    auto effective = with_stored_settings(config, {{"site.url", "no-scheme.example.com"}});
    ASSERT_FALSE(effective.ok());
    EXPECT_EQ(effective.error().field, "site.url");
    EXPECT_NE(effective.error().message.find("the site's settings"), std::string::npos);
}

}  // namespace
}  // namespace dateline

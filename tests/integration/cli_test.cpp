// The command line: bad input gets one clear message and a non-zero exit,
// and nothing already stored is lost.
#include <gtest/gtest.h>

#include <fstream>

#include "store/store.h"
#include "support/html.h"
#include "support/http_client.h"
#include "support/server_process.h"
#include "util/files.h"

namespace dateline::testing {
namespace {

namespace fs = std::filesystem;

TEST(CliTest, VersionAndHelp) {
    auto v = run_dateline({"version"});
    EXPECT_EQ(v.exit_code, 0);
    EXPECT_EQ(v.out.rfind("dateline ", 0), 0u);
    for (std::string cmd : {"serve", "migrate", "demo"}) {
        auto h = run_dateline({cmd, "--help"});
        EXPECT_EQ(h.exit_code, 0) << cmd;
        EXPECT_NE(h.out.find("--data"), std::string::npos) << cmd;
    }
    auto user_help = run_dateline({"user", "add", "--help"});
    EXPECT_NE(user_help.out.find("--role"), std::string::npos);
    auto none = run_dateline({});
    EXPECT_NE(none.exit_code, 0);
}

TEST(CliTest, UnwritableDataDirectoryFailsClearlyAndWritesNothing) {
    TempDir dir;
    fs::path file = dir.path() / "a-file";
    std::ofstream(file) << "not a folder";
    auto r = run_dateline({"serve", "--data", (file / "data").string()});
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.err.find("cannot create data directory"), std::string::npos) << r.err;
    // /proc refuses new files even to root.
    auto proc = run_dateline({"migrate", "--data", "/proc/dateline-test"});
    EXPECT_NE(proc.exit_code, 0);
    EXPECT_NE(proc.err.find("data directory"), std::string::npos) << proc.err;
    EXPECT_FALSE(fs::exists("/proc/dateline-test"));
    // The data folder is a file: refused, and the file is left as it was.
    auto same = run_dateline({"migrate", "--data", file.string()});
    EXPECT_NE(same.exit_code, 0);
    EXPECT_EQ(*read_file(file), "not a folder");
}

TEST(CliTest, InvalidSettingsNameTheKeyAndWhatIsAllowed) {
    TempDir dir;
    auto listen = run_dateline({"migrate", "--data", dir.path().string()},
                               {{"DATELINE_SERVER_LISTEN", "nonsense"}});
    EXPECT_EQ(listen.exit_code, 2);
    EXPECT_NE(listen.err.find("server.listen"), std::string::npos) << listen.err;
    EXPECT_NE(listen.err.find("host:port"), std::string::npos) << listen.err;

    auto flag =
        run_dateline({"serve", "--data", dir.path().string(), "--listen", "127.0.0.1:70000"});
    EXPECT_EQ(flag.exit_code, 2);
    EXPECT_NE(flag.err.find("--listen"), std::string::npos) << flag.err;

    fs::path toml = dir.path() / "bad.toml";
    std::ofstream(toml) << "[cache]\nmax_mb = 0\n";
    auto file = run_dateline({"migrate", "--data", dir.path().string(), "--config", toml.string()});
    EXPECT_EQ(file.exit_code, 2);
    EXPECT_NE(file.err.find("cache.max_mb"), std::string::npos) << file.err;

    std::ofstream(toml) << "[server]\nlisen = \"127.0.0.1:1\"\n";
    auto typo = run_dateline({"migrate", "--data", dir.path().string(), "--config", toml.string()});
    EXPECT_EQ(typo.exit_code, 2);
    EXPECT_NE(typo.err.find("unknown setting 'server.lisen'"), std::string::npos) << typo.err;

    std::ofstream(toml) << "[server\nlisten = 1\n";
    auto syntax =
        run_dateline({"migrate", "--data", dir.path().string(), "--config", toml.string()});
    EXPECT_EQ(syntax.exit_code, 2);
    EXPECT_NE(syntax.err.find("bad.toml:1"), std::string::npos) << syntax.err;

    auto missing =
        run_dateline({"migrate", "--data", dir.path().string(), "--config", "/nonexistent.toml"});
    EXPECT_NE(missing.exit_code, 0);
    EXPECT_NE(missing.err.find("not found"), std::string::npos);

    seed_test_site(dir.path());
    auto zone = run_dateline({"serve", "--data", dir.path().string(), "--listen", "127.0.0.1:0"},
                             {{"DATELINE_SITE_TIMEZONE", "Mars/Olympus"}});
    EXPECT_EQ(zone.exit_code, 2);
    EXPECT_NE(zone.err.find("Mars/Olympus"), std::string::npos) << zone.err;
}

TEST(CliTest, ConfigFileInTheDataFolderIsRead) {
    TempDir dir;
    seed_test_site(dir.path());
    std::ofstream(dir.path() / "dateline.toml") << "[site]\ntitle = \"From The File\"\n";
    ServerProcess server(dir.path());
    // The title from the file wins over the one stored by the demo.
    Html html(get(server.port(), "/").body);
    EXPECT_EQ(Html::text(html.first("title")), "From The File");
}

TEST(CliTest, MigrateIsIdempotentAndCorruptDatabasesAreRefused) {
    TempDir dir;
    auto first = run_dateline({"migrate", "--data", dir.path().string()});
    EXPECT_EQ(first.exit_code, 0) << first.err;
    const std::string expected =
        "schema version " + std::to_string(current_schema_version()) + "\n";
    EXPECT_EQ(first.out, expected);
    auto second = run_dateline({"migrate", "--data", dir.path().string()});
    EXPECT_EQ(second.out, expected);

    TempDir broken;
    std::ofstream(broken.path() / "dateline.db") << std::string(4096, 'x');
    auto r = run_dateline({"migrate", "--data", broken.path().string()});
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.err.find("not a database"), std::string::npos) << r.err;
    EXPECT_EQ(*read_file(broken.path() / "dateline.db"), std::string(4096, 'x'));
}

TEST(CliTest, UserAddHashesThePasswordAndRefusesDuplicates) {
    TempDir dir;
    std::vector<std::string> add{"user",
                                 "add",
                                 "--data",
                                 dir.path().string(),
                                 "--email",
                                 "editor@example.org",
                                 "--name",
                                 "Eda Editor",
                                 "--role",
                                 "editor",
                                 "--password-stdin"};
    auto ok = run_dateline(add, {}, "correct horse battery staple\n");
    EXPECT_EQ(ok.exit_code, 0) << ok.err;
    EXPECT_NE(ok.out.find("added editor editor@example.org"), std::string::npos);
    auto again = run_dateline(add, {}, "another long password\n");
    EXPECT_NE(again.exit_code, 0);
    EXPECT_NE(again.err.find("exists"), std::string::npos) << again.err;

    auto short_pw = run_dateline({"user", "add", "--data", dir.path().string(), "--email",
                                  "a@example.org", "--name", "A", "--password-stdin"},
                                 {}, "short\n");
    EXPECT_EQ(short_pw.exit_code, 2);
    EXPECT_NE(short_pw.err.find("at least 12 characters"), std::string::npos);
    auto role = run_dateline({"user", "add", "--data", dir.path().string(), "--email",
                              "b@example.org", "--name", "B", "--role", "emperor"},
                             {{"DATELINE_PASSWORD", "a long enough password"}});
    EXPECT_EQ(role.exit_code, 2);
    EXPECT_NE(role.err.find("unknown role 'emperor'"), std::string::npos);
    auto no_pw = run_dateline(
        {"user", "add", "--data", dir.path().string(), "--email", "c@example.org", "--name", "C"});
    EXPECT_EQ(no_pw.exit_code, 2);
}

TEST(CliTest, DemoSeedsOnceAndGeneratesDeterministicStories) {
    TempDir a, b;
    auto ra = run_dateline({"demo", "--data", a.path().string(), "--stories", "30"});
    ASSERT_EQ(ra.exit_code, 0) << ra.err;
    EXPECT_NE(ra.out.find("generated 30 stories (pictures "), std::string::npos) << ra.out;
    EXPECT_NE(ra.out.find(", search index "), std::string::npos) << ra.out;
    // The bundled demo site has at least 60 stories.
    auto total = std::stoi(ra.out.substr(ra.out.find('\n') + 1));
    EXPECT_GE(total, 90);
    auto rb = run_dateline({"demo", "--data", b.path().string(), "--stories", "30"});
    ASSERT_EQ(rb.exit_code, 0) << rb.err;
    // Same count and seed: the same generated stories, story for story.
    auto headlines = [](const fs::path& dir) {
        StoreOptions options;
        options.sqlite_path = dir / "dateline.db";
        auto store = open_store(options);
        std::vector<std::string> out;
        for (int64_t id = 1; id <= (*store)->stories().count(); ++id)
            out.push_back((*store)->stories().by_id(id)->headline);
        return out;
    };
    EXPECT_EQ(headlines(a.path()), headlines(b.path()));
    {
        // The demo stories' pictures, painted while the generated stories
        // were written, are theirs by the end.
        StoreOptions options;
        options.sqlite_path = a.path() / "dateline.db";
        auto store = open_store(options);
        for (int64_t id = 1; id <= total - 30; ++id) {
            auto story = (*store)->stories().by_id(id);
            ASSERT_TRUE(story && story->hero_media_id) << "story " << id;
            EXPECT_FALSE((*store)->media().by_id(*story->hero_media_id)->alt.empty());
        }
    }
    // A second run on a non-empty site does not seed it again.
    auto again = run_dateline({"demo", "--data", a.path().string()});
    EXPECT_EQ(again.exit_code, 0);
    EXPECT_EQ(std::stoi(again.out), total);
    auto bad = run_dateline({"demo", "--data", a.path().string(), "--from", "/nonexistent.json"});
    EXPECT_EQ(bad.exit_code, 0) << "a non-empty site is not seeded again, so the file is not read";
    TempDir c;
    fs::path broken = c.path() / "broken.json";
    std::ofstream(broken) << "{\"sections\": [";
    auto r = run_dateline({"demo", "--data", (c.path() / "d").string(), "--from", broken.string()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("broken.json"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(c.path() / "d" / "media" / "demo"));
}

}  // namespace
}  // namespace dateline::testing

// Media end to end: `dateline media add` through the upload pipeline, the
// renditions in the pages (srcset, sizes, WebP, width/height, lazy below the
// fold) and the /media/ route (content types, immutable caching, no way out
// of the media folder).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "media/generated_image.h"
#include "media/vips.h"
#include "support/html.h"
#include "support/http_client.h"
#include "support/server_process.h"

namespace dateline::testing {
namespace {

namespace fs = std::filesystem;

void write(const fs::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
}

std::string png_with_alpha(int w, int h) {
    vips::ensure_started();
    VipsImage* black = nullptr;
    vips_black(&black, w, h, "bands", 4, nullptr);
    vips::Image b(black);
    VipsImage* rgba = nullptr;
    vips_copy(b.get(), &rgba, "interpretation", VIPS_INTERPRETATION_sRGB, nullptr);
    vips::Image image(rgba);
    void* raw = nullptr;
    size_t n = 0;
    vips_pngsave_buffer(image.get(), &raw, &n, nullptr);
    vips::Buffer buffer(raw);
    return std::string(static_cast<const char*>(raw), n);
}

size_t files_under(const fs::path& dir) {
    if (!fs::exists(dir)) return 0;
    size_t n = 0;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        n += e.is_regular_file();
    return n;
}

class MediaTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = new TempDir();
        seed_test_site(dir_->path(), 12);
        // A PNG with alpha, uploaded before the server starts.
        fs::path file = dir_->path() / "logo-mark.png";
        write(file, png_with_alpha(700, 400));
        auto r = run_dateline({"media", "add", file.string(), "--data", dir_->path().string(),
                               "--alt", "The logo mark", "--focal", "0.2,0.5"});
        upload_ = new CommandResult(r);
        std::smatch m;
        if (std::regex_search(r.out, m, std::regex(" in ([^ ]+)/\n"))) folder_ = m[1];
        server_ = new ServerProcess(dir_->path());
    }
    static void TearDownTestSuite() {
        delete server_;
        delete upload_;
        delete dir_;
    }
    static int port() { return server_->port(); }
    static fs::path media_dir() { return dir_->path() / "media"; }

    static TempDir* dir_;
    static ServerProcess* server_;
    static CommandResult* upload_;
    static std::string folder_;
};
TempDir* MediaTest::dir_ = nullptr;
ServerProcess* MediaTest::server_ = nullptr;
CommandResult* MediaTest::upload_ = nullptr;
std::string MediaTest::folder_;

std::vector<int> srcset_widths(const std::string& srcset) {
    std::vector<int> widths;
    std::regex w(" ([0-9]+)w");
    for (auto it = std::sregex_iterator(srcset.begin(), srcset.end(), w);
         it != std::sregex_iterator(); ++it)
        widths.push_back(std::stoi((*it)[1]));
    return widths;
}

TEST_F(MediaTest, MediaAddPrintsTheAssetAndItsRenditions) {
    EXPECT_EQ(upload_->exit_code, 0) << upload_->err;
    EXPECT_NE(upload_->out.find("added media "), std::string::npos) << upload_->out;
    EXPECT_NE(upload_->out.find("image/png 700 x 400"), std::string::npos) << upload_->out;
    EXPECT_NE(upload_->out.find(" renditions ("), std::string::npos) << upload_->out;
    ASSERT_FALSE(folder_.empty()) << upload_->out;
    EXPECT_TRUE(fs::exists(media_dir() / folder_ / "original.png"));
    EXPECT_TRUE(fs::exists(media_dir() / folder_ / "1x1-320.webp"));
    EXPECT_TRUE(fs::exists(media_dir() / folder_ / "4x3-320.png"));
}

TEST_F(MediaTest, BadFilesAreRefusedClearlyAndLeaveNothingBehind) {
    TempDir dir;
    fs::path data = dir.path() / "data";
    std::string jpeg = paint_jpeg("city", 1, 320, 180)->bytes;
    struct Case {
        const char* name;
        std::string bytes;
        const char* says;
    } cases[] = {
        {"evil.svg", "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
         "script"},
        {"photo.jpg", "<svg onload='alert(1)'/>", "SVG"},
        {"cut.jpg", jpeg.substr(0, jpeg.size() / 2), "truncated"},
        {"notes.png", "just some text", "unrecognised"},
        {"empty.gif", "", "empty"},
    };
    for (const auto& c : cases) {
        fs::path file = dir.path() / c.name;
        write(file, c.bytes);
        auto r = run_dateline({"media", "add", file.string(), "--data", data.string()});
        EXPECT_EQ(r.exit_code, 2) << c.name << ": " << r.out << r.err;
        EXPECT_NE(r.err.find(c.says), std::string::npos) << c.name << ": " << r.err;
        EXPECT_NE(r.err.find(c.name), std::string::npos) << c.name << ": " << r.err;
        EXPECT_EQ(files_under(data / "media"), 0u) << c.name;
    }
    auto bad_focal = run_dateline({"media", "add", (dir.path() / "cut.jpg").string(), "--data",
                                   data.string(), "--focal", "2,0"});
    EXPECT_EQ(bad_focal.exit_code, 2);
    EXPECT_NE(bad_focal.err.find("--focal"), std::string::npos) << bad_focal.err;
}

TEST_F(MediaTest, StoryHeroIsAPictureWithSrcsetAndEagerLoading) {
    Html home(get(port(), "/").body);
    auto lead = home.first("article.lead");
    ASSERT_NE(lead, nullptr);
    auto source = home.all_in(lead, "source");
    ASSERT_EQ(source.size(), 1u);
    EXPECT_EQ(Html::attr(source[0], "type"), "image/webp");
    EXPECT_NE(Html::attr(source[0], "srcset").find(".webp 320w"), std::string::npos);
    auto img = home.all_in(lead, "img")[0];
    EXPECT_EQ(Html::attr(img, "fetchpriority"), "high");
    EXPECT_EQ(Html::attr(img, "loading"), "");
    EXPECT_FALSE(Html::attr(img, "sizes").empty());
    EXPECT_EQ(Html::attr(img, "width"), "1280");
    EXPECT_EQ(Html::attr(img, "height"), "720");

    // The story page's hero: every width of its own ratio.
    std::string url = Html::attr(home.all_in(lead, "a")[0], "href");
    Html story(get(port(), url).body);
    auto hero = story.first("figure.story__hero");
    ASSERT_NE(hero, nullptr);
    auto hero_img = story.all_in(hero, "img")[0];
    EXPECT_EQ(Html::attr(hero_img, "fetchpriority"), "high");
    EXPECT_FALSE(Html::attr(hero_img, "alt").empty());
    EXPECT_EQ(srcset_widths(Html::attr(hero_img, "srcset")),
              (std::vector<int>{320, 640, 960, 1280}));
    EXPECT_NE(Html::attr(hero_img, "src").find(".jpg"), std::string::npos);
}

TEST_F(MediaTest, CardsAreLazyAndNeverOfferHugeFiles) {
    Html home(get(port(), "/").body);
    auto cards = home.all("article.card");
    ASSERT_FALSE(cards.empty());
    int with_images = 0;
    for (auto card : cards) {
        auto imgs = home.all_in(card, "img");
        if (imgs.empty()) continue;
        ++with_images;
        EXPECT_EQ(Html::attr(imgs[0], "loading"), "lazy");
        EXPECT_EQ(Html::attr(imgs[0], "decoding"), "async");
        EXPECT_FALSE(Html::attr(imgs[0], "width").empty());
        EXPECT_FALSE(Html::attr(imgs[0], "height").empty());
        std::string sizes = Html::attr(imgs[0], "sizes");
        EXPECT_FALSE(sizes.empty());
        for (int w : srcset_widths(Html::attr(imgs[0], "srcset")))
            EXPECT_LE(w, 1280) << Html::attr(imgs[0], "srcset");
        if (sizes.find("200px") != std::string::npos) {
            for (int w : srcset_widths(Html::attr(imgs[0], "srcset")))
                EXPECT_LE(w, 960);
        }
    }
    EXPECT_GT(with_images, 0);
}

TEST_F(MediaTest, RenditionsAreServedWithTheirTypeAndImmutable) {
    ASSERT_FALSE(folder_.empty());
    struct Case {
        std::string file, type;
    } cases[] = {{"original.png", "image/png"},
                 {"1x1-320.webp", "image/webp"},
                 {"4x3-320.png", "image/png"}};
    for (const auto& c : cases) {
        auto r = get(port(), "/media/" + folder_ + "/" + c.file);
        EXPECT_EQ(r.status, 200) << c.file;
        EXPECT_EQ(r.header("content-type"), c.type) << c.file;
        EXPECT_EQ(r.header("cache-control"), "public, max-age=31536000, immutable");
    }
    EXPECT_EQ(get(port(), "/media/" + folder_ + "/missing.webp").status, 404);
}

TEST_F(MediaTest, PathsCannotLeaveTheMediaFolder) {
    // The database and a file outside the data folder are real targets.
    ASSERT_TRUE(fs::exists(dir_->path() / "dateline.db"));
    for (const char* target : {
             "/media/../dateline.db",
             "/media/%2e%2e/dateline.db",
             "/media/%2E%2E%2Fdateline.db",
             "/media/..%2fdateline.db",
             "/media/..%5cdateline.db",
             "/media//etc/passwd",
             "/media/%2fetc%2fpasswd",
             "/media/2026/../../dateline.db",
             "/media/./dateline.db",
             "/media/%00",
         }) {
        auto r = get(port(), target);
        EXPECT_EQ(r.status, 404) << target;
        EXPECT_EQ(r.body.find("SQLite format"), std::string::npos) << target;
    }
}

}  // namespace
}  // namespace dateline::testing

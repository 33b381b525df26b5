#include "demo/demo_site.h"

#include <atomic>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>
#include <utility>

#include "admin/store_content_context.h"
#include "content/body.h"
#include "media/generated_image.h"
#include "media/ingest.h"
#include "model/slug.h"
#include "util/files.h"
#include "util/parallel.h"

namespace dateline {

namespace {

using json = nlohmann::json;

struct Ids {
    std::map<std::string, int64_t> sections, shows, events, authors, tags, stories;
};

Result<int64_t> lookup(const std::map<std::string, int64_t>& map, const std::string& key,
                       const std::string& what) {
    auto it = map.find(key);
    if (it == map.end()) return Error::invalid(what, "demo: unknown " + what + " '" + key + "'");
    return it->second;
}

// Hero pictures are painted at 1280 x 720: wide enough for the lead at
// 780 CSS pixels on most screens, and a third fewer pixels to encode than
// 1600 x 900 at start-up (docs/media.md has the timings).
constexpr int kDemoWidth = 1280;
constexpr int kDemoHeight = 720;
constexpr size_t kEveryCore = 8;  // run_on_cores() uses no more threads than cores

struct Picture {
    std::string motif;
    uint32_t seed = 0;
    std::string slug;
};

// Paints and ingests one picture (the slow part of seeding: each is
// encoded some thirty times) and writes its files through staged.
Result<MediaAsset> paint_picture(const Picture& p, const IngestOptions& options, Timestamp now,
                                 StagedFiles& staged) {
    auto painted = paint_jpeg(p.motif, p.seed, kDemoWidth, kDemoHeight);
    if (!painted) return painted.error();
    auto image = ingest_image(painted->bytes, options);
    if (!image) return image.error();
    return write_image(staged, *image, media_folder(now, p.slug, image->fingerprint));
}

// The pictures' assets in order, or the first failure.
Result<std::vector<MediaAsset>> assets_of(std::vector<std::optional<Result<MediaAsset>>>& done) {
    std::vector<MediaAsset> out;
    for (auto& result : done) {
        if (!result || !*result) return result ? result->error() : Error::io("demo: no picture");
        out.push_back(std::move(**result));
    }
    return out;
}

// Paints the pictures on every core, their files through staged (one
// guard per picture, appended).
Result<std::vector<MediaAsset>> paint_pictures(MediaStorage& media,
                                               const std::vector<Picture>& pictures,
                                               const IngestOptions& options, Timestamp now,
                                               std::vector<std::unique_ptr<StagedFiles>>& staged) {
    std::vector<std::optional<Result<MediaAsset>>> done(pictures.size());
    size_t first = staged.size();
    for (size_t i = 0; i < pictures.size(); ++i)
        staged.push_back(std::make_unique<StagedFiles>(media));
    run_on_cores(pictures.size(), kEveryCore, [&](size_t i) {
        done[i] = paint_picture(pictures[i], options, now, *staged[first + i]);
    });
    return assets_of(done);
}

// The demo stories' hero pictures, in the order of the stories that have one.
std::vector<Picture> pictures_of(const json& site) {
    std::vector<Picture> pictures;
    uint32_t seed = 1;
    for (const auto& s : site.at("stories"))
        if (s.contains("image"))
            pictures.push_back(Picture{s.at("image").value("motif", "city"), seed++,
                                       slugify(s.at("headline").get<std::string>(), 60)});
    return pictures;
}

// Stores a hero picture with what the demo site says of it.
Result<int64_t> add_hero(Store& store, MediaAsset asset, const json& image, Timestamp now) {
    asset.alt = image.value("alt", "");
    asset.caption = image.value("caption", "");
    asset.credit = image.value("credit", "");
    asset.created_at = now;
    return store.media().create(asset);
}

// Writes the demo site. With assets (pictures_of()'s, in order) the stories
// get their heroes; without, each story that should have one is listed in
// heroes_to_come, to get it later.
Status seed(Store& store, Timestamp now, const json& site, const std::vector<MediaAsset>* assets,
            std::vector<std::pair<int64_t, json>>* heroes_to_come) {
    // Bodies resolve [related], [gallery] and internal links against what
    // is already stored, as a save in the newsroom does.
    StoreContentContext resolver(store, "");
    Ids ids;
    if (site.contains("site")) {
        const auto& info = site.at("site");
        for (const char* key : {"title", "tagline", "description"})
            if (info.contains(key))
                if (auto st = store.settings().set(std::string("site.") + key,
                                                   info.at(key).get<std::string>());
                    !st)
                    return st;
    }
    int position = 0;
    for (const auto& s : site.at("sections")) {
        Section section{
            0, s.at("slug"), s.at("name"), s.value("description", ""), std::nullopt, position++};
        auto id = store.sections().create(section);
        if (!id) return id.error();
        ids.sections[section.slug] = *id;
    }
    position = 0;
    for (const auto& s : site.at("shows")) {
        auto id = store.shows().create(
            Show{0, s.at("slug"), s.at("name"), s.value("description", ""), position++});
        if (!id) return id.error();
        ids.shows[s.at("slug")] = *id;
    }
    position = 0;
    for (const auto& e : site.at("events")) {
        auto id = store.events().create(
            EventHub{0, e.at("slug"), e.at("name"), e.value("description", ""), position++});
        if (!id) return id.error();
        ids.events[e.at("slug")] = *id;
    }
    for (const auto& a : site.at("authors")) {
        auto kind = parse_author_kind(a.value("kind", "person"));
        if (!kind) return Error::invalid("kind", "demo: author kind must be person or desk");
        auto id = store.authors().create(
            Author{0, a.at("slug"), a.at("name"), *kind, a.value("title", ""), a.value("bio", "")});
        if (!id) return id.error();
        ids.authors[a.at("slug")] = *id;
    }
    for (const auto& t : site.at("tags")) {
        auto id = store.tags().create(Tag{0, t.at("slug"), t.at("name"), ""});
        if (!id) return id.error();
        ids.tags[t.at("slug")] = *id;
    }

    size_t picture = 0;

    for (const auto& s : site.at("stories")) {
        std::string key = s.at("key");
        Story story;
        story.headline = s.at("headline");
        story.slug = slugify(story.headline);
        story.standfirst = s.value("standfirst", "");
        auto section = lookup(ids.sections, s.at("section"), "section");
        if (!section) return section.error();
        story.section_id = *section;
        auto kind = parse_story_kind(s.value("kind", "news"));
        if (!kind) return Error::invalid("kind", "demo: unknown story kind in " + key);
        story.kind = *kind;
        story.status = StoryStatus::published;
        story.body_format = BodyFormat::markdown;
        story.body_source = s.at("body");
        auto body = render_body(story.body_format, story.body_source, &resolver);
        story.body_html = body.html;
        story.body_text = body.text;
        story.word_count = body.word_count;
        story.agency_credit = s.value("agency", false);
        double hours = s.value("hours_ago", 1.0);
        story.published_at = now - std::chrono::seconds(static_cast<int64_t>(hours * 3600));
        story.created_at = *story.published_at;
        story.updated_at = *story.published_at;
        for (const auto& a : s.at("authors")) {
            auto id = lookup(ids.authors, a, "author");
            if (!id) return id.error();
            story.author_ids.push_back(*id);
        }
        for (const auto& t : s.value("tags", json::array())) {
            auto id = lookup(ids.tags, t, "tag");
            if (!id) return id.error();
            story.tag_ids.push_back(*id);
        }
        for (const auto& e : s.value("events", json::array())) {
            auto id = lookup(ids.events, e, "event");
            if (!id) return id.error();
            story.event_ids.push_back(*id);
        }
        if (s.contains("show")) {
            auto id = lookup(ids.shows, s.at("show"), "show");
            if (!id) return id.error();
            story.show_id = *id;
        }
        if (s.contains("image") && assets) {
            auto media_id = add_hero(store, (*assets)[picture++], s.at("image"), now);
            if (!media_id) return media_id.error();
            story.hero_media_id = *media_id;
        }
        auto id = store.stories().create(story);
        if (!id) return id.error();
        ids.stories[key] = *id;
        if (s.contains("image") && !assets) heroes_to_come->emplace_back(*id, s.at("image"));
    }

    Collection top{0, "top-stories", "Top Stories", {}};
    for (const auto& key : site.value("top_stories", json::array())) {
        auto id = lookup(ids.stories, key, "story");
        if (!id) return id.error();
        top.items.push_back(CollectionItem{*id, static_cast<int>(top.items.size()), false, {}});
    }
    if (auto st = store.collections().put(top); !st) return st;

    for (const auto& s : site.value("shorts", json::array())) {
        auto story = lookup(ids.stories, s.at("story"), "story");
        if (!story) return story.error();
        Short item;
        item.story_id = *story;
        item.headline = s.at("headline");
        item.summary = s.at("summary");
        double hours = s.value("hours_ago", 1.0);
        item.published_at = now - std::chrono::seconds(static_cast<int64_t>(hours * 3600));
        auto id = store.shorts().create(item);
        if (!id) return id.error();
    }

    std::vector<int64_t> trending;
    for (const auto& t : site.value("trending", json::array())) {
        auto id = lookup(ids.tags, t, "tag");
        if (!id) return id.error();
        trending.push_back(*id);
    }
    if (auto st = store.tags().set_trending(trending); !st) return st;

    for (const auto& p : site.value("pages", json::array())) {
        StaticPage page;
        page.slug = p.at("slug");
        page.title = p.at("title");
        page.body_source = p.at("body");
        page.body_html = render_body(BodyFormat::markdown, page.body_source).html;
        page.updated_at = now;
        auto id = store.pages().create(page);
        if (!id) return id.error();
    }
    return store.changes().append({std::string("*")});
}

// What seeding reads: the demo site file (invalid, naming the file, when
// it is malformed), and the widths its pictures are rendered at. invalid
// when the store already has content.
struct SeedInput {
    json site;
    IngestOptions options;
};
Result<SeedInput> seed_input(Store& store, const std::filesystem::path& site_json,
                             const std::vector<int>& image_widths) {
    if (!store.is_empty()) return Error::invalid("demo", "the site already has content");
    auto text = read_file(site_json);
    if (!text) return text.error();
    SeedInput input;
    try {
        input.site = json::parse(*text);
    } catch (const json::exception& e) {
        return Error::invalid("demo", site_json.string() + ": " + e.what());
    }
    if (!image_widths.empty()) input.options.widths = image_widths;
    return input;
}

// The heroes of demo stories written without them, painted on a thread of
// their own from construction on; finish() paints what is left beside it.
class PaintedHeroes final : public DemoHeroes {
  public:
    PaintedHeroes(MediaStorage& media, std::vector<Picture> pictures, IngestOptions options,
                  Timestamp now, std::vector<std::pair<int64_t, json>> stories)
        : media_(media),
          pictures_(std::move(pictures)),
          options_(std::move(options)),
          now_(now),
          stories_(std::move(stories)),
          done_(pictures_.size()) {
        for (size_t i = 0; i < pictures_.size(); ++i)
            staged_.push_back(std::make_unique<StagedFiles>(media_));
        painter_ = std::jthread([this] { paint_the_rest(); });
    }
    // A load that failed before finish(): the painter stops after its picture.
    ~PaintedHeroes() override { next_ = pictures_.size(); }

    Status finish(Store& store) override {
        paint_the_rest();
        if (painter_.joinable()) painter_.join();
        if (failure_) std::rethrow_exception(failure_);
        auto assets = assets_of(done_);
        if (!assets) return assets.error();
        if (auto st = media_.sync(); !st) return st;
        auto status = store.transaction([&]() -> Status {
            for (size_t i = 0; i < stories_.size(); ++i) {
                const auto& [story_id, image] = stories_[i];
                auto media_id = add_hero(store, (*assets)[i], image, now_);
                if (!media_id) return media_id.error();
                auto story = store.stories().by_id(story_id);
                if (!story)
                    return Error::not_found("demo: story " + std::to_string(story_id) +
                                            " is gone before its picture came");
                story->hero_media_id = *media_id;
                if (auto st = store.stories().update(*story); !st) return st;
            }
            return store.changes().append({std::string("*")});
        });
        if (status)
            for (auto& files : staged_)
                files->keep();
        return status;
    }

  private:
    void paint_the_rest() {
        for (size_t i = next_++; i < pictures_.size(); i = next_++) {
            try {
                done_[i] = paint_picture(pictures_[i], options_, now_, *staged_[i]);
            } catch (...) {
                std::lock_guard lock(failure_mutex_);
                if (!failure_) failure_ = std::current_exception();
            }
        }
    }

    MediaStorage& media_;
    std::vector<Picture> pictures_;
    IngestOptions options_;
    Timestamp now_;
    std::vector<std::pair<int64_t, json>> stories_;  // in the order of pictures_
    // Files of pictures that never reach the store are removed by these.
    std::vector<std::unique_ptr<StagedFiles>> staged_;
    std::vector<std::optional<Result<MediaAsset>>> done_;
    std::atomic<size_t> next_{0};
    std::mutex failure_mutex_;
    std::exception_ptr failure_;
    std::jthread painter_;  // last: joined before the members it uses go
};

}  // namespace

Status seed_demo_site(Store& store, MediaStorage& media, const Clock& clock,
                      const std::filesystem::path& site_json,
                      const std::vector<int>& image_widths) {
    auto input = seed_input(store, site_json, image_widths);
    if (!input) return input.error();
    const json& site = input->site;
    // Files written for a seeding that fails are removed by these guards.
    std::vector<std::unique_ptr<StagedFiles>> staged;
    Status status;
    try {
        Timestamp now = clock.now();
        status = store.transaction([&]() -> Status {
            // The hero pictures first, all at once; stories take theirs in order.
            auto assets = paint_pictures(media, pictures_of(site), input->options, now, staged);
            if (!assets) return assets.error();
            if (auto st = media.sync(); !st) return st;
            return seed(store, now, site, &*assets, nullptr);
        });
    } catch (const json::exception& e) {
        status = Error::invalid("demo", site_json.string() + ": " + e.what());
    }
    if (status)
        for (auto& files : staged)
            files->keep();
    return status;
}

Result<std::unique_ptr<DemoHeroes>> seed_demo_site_heroes_later(
    Store& store, MediaStorage& media, const Clock& clock, const std::filesystem::path& site_json,
    const std::vector<int>& image_widths) {
    auto input = seed_input(store, site_json, image_widths);
    if (!input) return input.error();
    const json& site = input->site;
    try {
        Timestamp now = clock.now();
        std::vector<std::pair<int64_t, json>> stories;
        auto status = store.transaction(
            [&]() -> Status { return seed(store, now, site, nullptr, &stories); });
        if (!status) return status.error();
        return std::unique_ptr<DemoHeroes>(std::make_unique<PaintedHeroes>(
            media, pictures_of(site), std::move(input->options), now, std::move(stories)));
    } catch (const json::exception& e) {
        return Error::invalid("demo", site_json.string() + ": " + e.what());
    }
}

}  // namespace dateline

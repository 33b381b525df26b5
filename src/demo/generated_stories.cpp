#include <array>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "demo/demo_site.h"
#include "media/generated_image.h"
#include "media/ingest.h"
#include "model/editorial.h"
#include "model/slug.h"
#include "util/parallel.h"
#include "util/strings.h"

namespace dateline {

namespace {

// splitmix64: fast, and the same sequence on every machine.
class Random {
  public:
    explicit Random(uint64_t seed) : state_(seed) {}
    uint64_t next() {
        uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    size_t below(size_t n) { return static_cast<size_t>(next() % n); }
    template <class T, size_t N>
    const T& pick(const std::array<T, N>& items) {
        return items[below(N)];
    }

  private:
    uint64_t state_;
};

const std::array<const char*, 16> kPlaces = {"Port Halden",
                                             "Westmark",
                                             "Calder Bay",
                                             "Inverholt",
                                             "Saltmere",
                                             "Ravensford",
                                             "The Assembly",
                                             "The treasury",
                                             "Northern councils",
                                             "Coastal towns",
                                             "The central bank",
                                             "Rail operators",
                                             "Hospital trusts",
                                             "Farmers in the east",
                                             "University researchers",
                                             "The national museum"};
const std::array<const char*, 16> kVerbs = {
    "weighs",  "backs", "rejects", "delays",  "unveils",   "questions", "expands",    "tightens",
    "reviews", "funds", "pauses",  "defends", "overhauls", "extends",   "challenges", "approves"};
const std::array<const char*, 16> kObjects = {
    "plan for new ferry links", "housing targets",        "water pricing reform",
    "budget for rural schools", "harbour expansion",      "winter energy support",
    "digital identity scheme",  "flood defence spending", "bus fare freeze",
    "research grants",          "hospital waiting lists", "fishing quotas",
    "rail timetable changes",   "museum loan agreement",  "wind farm licences",
    "youth employment scheme"};
const std::array<const char*, 12> kOpeners = {"Officials said on Tuesday that",
                                              "According to figures published this week,",
                                              "In a statement to reporters,",
                                              "After weeks of negotiation,",
                                              "Speaking at a briefing,",
                                              "Local residents say",
                                              "Critics argue that",
                                              "Supporters of the measure insist that",
                                              "Documents seen by this newspaper show that",
                                              "Analysts expect that",
                                              "For the first time in a decade,",
                                              "Despite earlier assurances,"};
const std::array<const char*, 12> kMiddles = {
    "the proposal would cost more than first estimated",
    "the timetable could slip into next year",
    "demand has grown faster than planners assumed",
    "the changes would mostly affect smaller towns",
    "the committee will publish its findings in the spring",
    "the scheme has already attracted hundreds of applications",
    "the figures point to a modest recovery",
    "further talks are planned before the summer recess",
    "the funding gap remains unresolved",
    "several councils have asked for more time",
    "the agreement includes a review after two years",
    "independent auditors will examine the accounts"};
const std::array<const char*, 10> kClosers = {
    "and ministers are expected to respond within a month.",
    "while opposition members called for a full debate.",
    "though the details have not yet been made public.",
    "a position that unions have welcomed with caution.",
    "according to people familiar with the discussions.",
    "and the first results should be visible by autumn.",
    "which has prompted questions from regional leaders.",
    "as the government seeks to reassure investors.",
    "a shift that surprised many observers.",
    "leaving businesses uncertain about the months ahead."};
const std::array<const char*, 12> kMotifs = {"city",   "sea",     "mountains", "parliament",
                                             "market", "stadium", "lab",       "hospital",
                                             "forest", "harbour", "rail",      "night"};

std::string sentence(Random& r) {
    std::string s = r.pick(kOpeners);
    s += ' ';
    s += r.pick(kMiddles);
    s += ", ";
    s += r.pick(kClosers);
    return s;
}

// Makes story i of count: the same story for the same seed and i, made in
// order from 0.
struct StoryMaker {
    Random r;
    Timestamp base;
    int64_t count;
    const std::vector<Section>& sections;
    const std::vector<Author>& authors;
    const std::vector<Tag>& tags;
    const std::vector<int64_t>& images;

    Story make(int64_t i) {
        Story story;
        story.headline =
            std::string(r.pick(kPlaces)) + " " + r.pick(kVerbs) + " " + r.pick(kObjects);
        story.slug = slugify(story.headline);
        story.standfirst = sentence(r);
        story.section_id = sections[r.below(sections.size())].id;
        story.kind = r.below(10) == 0 ? StoryKind::analysis : StoryKind::news;
        story.status = StoryStatus::published;
        story.body_format = BodyFormat::markdown;
        int paragraphs = 4 + static_cast<int>(r.below(4));
        for (int p = 0; p < paragraphs; ++p) {
            std::string para;
            int sentences = 2 + static_cast<int>(r.below(3));
            for (int k = 0; k < sentences; ++k) {
                if (k) para += ' ';
                para += sentence(r);
            }
            // Plain sentences render to the same HTML cmark would make.
            story.body_source += para + "\n\n";
            story.body_html += "<p>" + para + "</p>\n";
            story.body_text += para + "\n";
        }
        story.word_count = count_words(story.body_text);
        // Later stories are newer, as ids and dates go together on a real
        // site (the newest story has the highest id).
        story.published_at = base - std::chrono::seconds((count - 1 - i) * 157 + 60);
        story.created_at = *story.published_at;
        story.updated_at = *story.published_at;
        story.author_ids.push_back(authors[r.below(authors.size())].id);
        if (!tags.empty()) {
            size_t n = 1 + r.below(3);
            for (size_t k = 0; k < n; ++k) {
                int64_t tag = tags[r.below(tags.size())].id;
                if (std::find(story.tag_ids.begin(), story.tag_ids.end(), tag) ==
                    story.tag_ids.end())
                    story.tag_ids.push_back(tag);
            }
        }
        if (!images.empty()) story.hero_media_id = images[r.below(images.size())];
        return story;
    }
};

// Batches of made stories, made on a thread of its own at most two batches
// ahead of the reader. Destroying the queue stops the maker.
class BatchQueue {
  public:
    static constexpr int64_t kBatch = 5000;

    BatchQueue(int64_t count, std::function<Story(int64_t)> make)
        : count_(count),
          make_(std::move(make)),
          thread_([this](std::stop_token stop) { run(stop); }) {}

    // The next batch in order, or nothing after the last.
    std::optional<std::vector<Story>> next() {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [this] { return !ready_.empty() || done_; });
        if (failure_) std::rethrow_exception(failure_);
        if (ready_.empty()) return std::nullopt;
        auto batch = std::move(ready_.front());
        ready_.pop_front();
        changed_.notify_all();
        return batch;
    }

  private:
    void run(std::stop_token stop) {
        try {
            for (int64_t start = 0; start < count_ && !stop.stop_requested(); start += kBatch) {
                std::vector<Story> batch;
                batch.reserve(static_cast<size_t>(std::min(kBatch, count_ - start)));
                for (int64_t i = start; i < std::min(count_, start + kBatch); ++i)
                    batch.push_back(make_(i));
                std::unique_lock lock(mutex_);
                changed_.wait(lock, stop, [this] { return ready_.size() < 2; });
                ready_.push_back(std::move(batch));
                changed_.notify_all();
            }
        } catch (...) {
            std::lock_guard lock(mutex_);
            failure_ = std::current_exception();
        }
        std::lock_guard lock(mutex_);
        done_ = true;
        changed_.notify_all();
    }

    int64_t count_;
    std::function<Story(int64_t)> make_;
    std::mutex mutex_;
    std::condition_variable_any changed_;
    std::deque<std::vector<Story>> ready_;
    bool done_ = false;
    std::exception_ptr failure_;
    std::jthread thread_;  // last: it starts once the members it uses exist
};

}  // namespace

Result<GeneratedStories> generate_stories(Store& store, MediaStorage& media, int64_t count,
                                          uint32_t seed, const std::vector<int>& image_widths,
                                          DemoHeroes* heroes) {
    if (count < 0 || count > 10'000'000)
        return Error::invalid("stories", "the number of stories must be from 0 to 10,000,000");
    auto sections = store.sections().list();
    auto authors = store.authors().list();
    auto tags = store.tags().list();
    if (sections.empty() || authors.empty())
        return Error::invalid("stories", "generated stories need at least one section and author");

    // Each step's time, for the command's report.
    using SteadyClock = std::chrono::steady_clock;
    auto mark = SteadyClock::now();
    auto lap = [&mark] {
        auto now = SteadyClock::now();
        std::chrono::duration<double> took = now - mark;
        mark = now;
        return took;
    };

    // One painted picture per motif, shared by all generated stories.
    Timestamp base = Timestamp{std::chrono::seconds{1793491200}};  // 2026-11-01T00:00:00Z
    std::vector<int64_t> images;
    IngestOptions options;
    if (!image_widths.empty()) options.widths = image_widths;
    std::vector<std::optional<Result<IngestedImage>>> painted(kMotifs.size());
    run_on_cores(kMotifs.size(), kMotifs.size(), [&](size_t i) {
        auto jpeg = paint_jpeg(kMotifs[i], static_cast<uint32_t>(i), 1200, 675);
        painted[i] = jpeg ? ingest_image(jpeg->bytes, options) : jpeg.error();
    });
    std::vector<std::unique_ptr<StagedFiles>> staged;
    auto status = store.transaction([&]() -> Status {
        for (size_t i = 0; i < kMotifs.size(); ++i) {
            auto& image = *painted[i];
            if (!image) return image.error();
            std::string folder =
                media_folder(base, std::string("generated-") + kMotifs[i], image->fingerprint);
            if (auto existing = store.media().by_path(folder + "/" + image->original.meta.path)) {
                images.push_back(existing->id);
                continue;
            }
            staged.push_back(std::make_unique<StagedFiles>(media));
            auto written = write_image(*staged.back(), *image, folder);
            if (!written) return written.error();
            MediaAsset asset = std::move(*written);
            asset.alt = std::string("Illustration: a painted ") + kMotifs[i] + " scene";
            asset.credit = "Dateline generated image";
            asset.created_at = base;
            auto id = store.media().create(asset);
            if (!id) return id.error();
            images.push_back(*id);
        }
        return media.sync();
    });
    if (!status) return status.error();
    for (auto& files : staged)
        files->keep();

    GeneratedStories out;
    out.pictures = lap();
    // Run from the command line, the load usually has the database to
    // itself and writes each page once (docs/schema.md).
    SoleWriting sole(store);
    DeferredIndexing indexing(store.search());
    if (count > 0) {
        if (auto st = indexing.start(); !st) return st.error();
    }
    StoryMaker maker{Random(seed), base, count, sections, authors, tags, images};
    // Stories are made on a second thread while this one writes the batch
    // before: writing is one thread's work in SQLite, and the other core
    // would otherwise wait.
    BatchQueue queue(count, [&maker](int64_t i) { return maker.make(i); });
    while (auto batch = queue.next()) {
        auto st = store.transaction([&]() -> Status {
            for (const auto& story : *batch) {
                auto id = store.stories().create(story);
                if (!id) return id.error();
                ++out.created;
            }
            return {};
        });
        if (!st) return st.error();
    }
    if (heroes)
        if (auto st = heroes->finish(store); !st) return st.error();
    out.writing = lap();
    if (auto st = indexing.finish(); !st) return st.error();
    sole.finish();
    out.indexing = lap();
    if (auto st = store.changes().append({"*"}); !st) return st.error();
    store.optimize();
    out.statistics = lap();
    return out;
}

}  // namespace dateline

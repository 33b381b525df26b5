#include "import/wordpress_import.h"

#include <algorithm>
#include <cctype>
#include <exception>
#include <optional>
#include <set>
#include <system_error>
#include <thread>
#include <unordered_map>
#include <variant>

#include "content/body.h"
#include "import/wxr_reader.h"
#include "model/editorial.h"
#include "model/slug.h"
#include "util/bounded_queue.h"
#include "util/parallel.h"
#include "util/strings.h"

namespace dateline {

namespace {

// Items are converted on the reading thread (and its helpers) in batches,
// while the batch before is written: writing is one thread's work.
constexpr size_t kBatchItems = 256;
constexpr size_t kQueuedBatches = 4;
// One core is the writer's: it decides the pace, and with two render
// threads on a two-core machine it lost time to them (20,000 posts, runs
// alternated: 4.2-5.1 s reading and writing with one, 4.9-5.2 s with two).
size_t render_threads() {
    size_t cores = std::thread::hardware_concurrency();
    return cores > 2 ? cores - 1 : 1;
}

// A WXR export holds about this many bytes per post (the benchmark's
// generated ones 2.9 kB, the theme unit test data 3.3 kB). When the export
// may hold as many posts as the site has stories, rebuilding the search
// index once at the end costs less than indexing post by post.
constexpr uintmax_t kExportBytesPerPost = 4096;
constexpr size_t kMaxHeadlineChars = 300;
constexpr size_t kMaxStandfirstChars = 600;
// Paths a static page may not take: the site's own routes.
const std::set<std::string, std::less<>> kReservedPaths = {
    "admin", "api",    "assets", "author", "event",    "feed", "healthz",
    "media", "oembed", "search", "show",   "sitemaps", "tag",  "robots-txt"};

// WordPress's "2010-10-05 07:27:25" in UTC; nothing for its zero date.
std::optional<Timestamp> parse_wp_time(std::string_view text) {
    text = trim(text);
    if (text.size() != 19 || text.starts_with("0000") || text[10] != ' ') return std::nullopt;
    std::string iso(text);
    iso[10] = 'T';
    iso += 'Z';
    return parse_iso8601(iso);
}

// Spaces and line breaks as single spaces, none at the ends.
std::string collapse_spaces(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool space = false;
    for (char c : text) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

// A title or excerpt as plain text: WordPress allows markup and entities in both.
std::string plain_text(std::string_view html) {
    if (html.find_first_of("<&") == std::string_view::npos) return collapse_spaces(html);
    return collapse_spaces(render_body(BodyFormat::html, html).text);
}

// A slug from WordPress's percent-encoded nicename or post_name. Text with
// no Latin letters slugifies to nothing; a hash keeps such slugs apart.
std::string slug_of(std::string_view wp_slug, std::string_view fallback, std::string_view prefix) {
    std::string decoded = url_decode(trim(wp_slug)).value_or(std::string(trim(wp_slug)));
    if (trim(decoded).empty()) decoded = std::string(fallback);
    std::string slug = slugify(decoded);
    bool made_up = slug == "story" && decoded.find("story") == std::string::npos;
    bool letters_lost =
        std::none_of(slug.begin(), slug.end(), [](char c) { return c >= 'a' && c <= 'z'; }) &&
        std::any_of(decoded.begin(), decoded.end(),
                    [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
    if (!decoded.empty() && (made_up || letters_lost))
        slug = std::string(prefix) + "-" + hex64(fnv1a64(decoded)).substr(0, 8);
    return slug;
}

// The path of a permalink ("https://old.example/2010/10/05/post/" ->
// "/2010/10/05/post"), as the server matches redirects: trailing slashes
// go first. Nothing for a link with a query (a draft's "?p=12") or none.
std::optional<std::string> permalink_path(std::string_view link) {
    link = trim(link);
    size_t scheme = link.find("://");
    if (scheme == std::string_view::npos) return std::nullopt;
    size_t slash = link.find('/', scheme + 3);
    if (slash == std::string_view::npos) return std::nullopt;
    std::string_view path = link.substr(slash);
    if (path.find_first_of("?#") != std::string_view::npos) return std::nullopt;
    while (path.size() > 1 && path.back() == '/')
        path.remove_suffix(1);
    if (path.size() <= 1) return std::nullopt;
    return std::string(path);
}

// A path segment as it can stand in a URL: an old archive address worth
// keeping. Anything else was never a working address.
bool url_safe(std::string_view segment) {
    if (segment.empty()) return false;
    for (char c : segment)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.' &&
            c != '~' && c != '%')
            return false;
    return true;
}

std::string cut(std::string text, size_t max_chars) {
    if (text.size() <= max_chars) return text;
    return excerpt(text, max_chars);
}

enum class ItemAction { story, page, skip };

struct Decision {
    ItemAction action = ItemAction::skip;
    std::string reason;  // why an item is skipped
};

Decision decide(const WxrItem& item) {
    std::string status = item.status.empty() ? "no status" : item.status;
    if (item.type == "post") {
        static const std::set<std::string, std::less<>> kept = {"publish", "future", "draft",
                                                                "pending", "private"};
        if (kept.contains(item.status)) return {ItemAction::story, {}};
        return {ItemAction::skip, "posts (" + status + ")"};
    }
    if (item.type == "page") {
        // A static page has no workflow: only what readers could see.
        if (item.status == "publish" && item.password.empty()) return {ItemAction::page, {}};
        return {ItemAction::skip,
                "pages (" + (item.password.empty() ? status : "password-protected") + ")"};
    }
    if (item.type == "attachment")
        return {ItemAction::skip, "attachments (an export has no media files)"};
    if (item.type == "nav_menu_item") return {ItemAction::skip, "menu items"};
    if (item.type.empty()) return {ItemAction::skip, "items of no type"};
    return {ItemAction::skip, item.type + " items"};
}

// An item with what the content pipeline made of it, done off the writer.
struct PreparedItem {
    WxrItem item;
    Decision decision;
    std::string headline;
    std::string standfirst;
    std::optional<RenderedBody> body;
    std::string body_error;
};

using Event = std::variant<WxrSite, WxrAuthor, WxrTerm, PreparedItem>;
using Batch = std::vector<Event>;

void prepare(PreparedItem& p) {
    if (p.decision.action == ItemAction::skip) return;
    p.headline = plain_text(p.item.title);
    p.standfirst = cut(plain_text(p.item.excerpt), kMaxStandfirstChars);
    auto body = render_story_body(BodyFormat::html, p.item.content, nullptr);
    if (body)
        p.body = std::move(*body);
    else
        p.body_error = body.error().message;
}

// Reads the export on its own thread, converting each batch of items on
// every core, and hands the batches over in file order.
class Reading final : public WxrVisitor {
  public:
    explicit Reading(BoundedQueue<Batch>& queue) : queue_(queue) {}

    Status site(const WxrSite& site) override { return add(site); }
    Status author(const WxrAuthor& author) override { return add(author); }
    Status term(const WxrTerm& term) override { return add(term); }
    Status item(WxrItem&& item) override {
        PreparedItem p;
        p.decision = decide(item);
        p.item = std::move(item);
        if (p.decision.action != ItemAction::skip) ++pending_items_;
        batch_.push_back(std::move(p));
        if (pending_items_ >= kBatchItems) return flush();
        return {};
    }
    Status flush() {
        if (batch_.empty()) return {};
        std::vector<PreparedItem*> work;
        for (auto& e : batch_)
            if (auto* p = std::get_if<PreparedItem>(&e);
                p && p->decision.action != ItemAction::skip)
                work.push_back(p);
        run_on_cores(work.size(), render_threads(), [&](size_t i) { prepare(*work[i]); });
        pending_items_ = 0;
        if (!queue_.push(std::move(batch_))) return Error::conflict("the import stopped");
        batch_ = {};
        return {};
    }

  private:
    Status add(Event e) {
        batch_.push_back(std::move(e));
        return {};
    }

    BoundedQueue<Batch>& queue_;
    Batch batch_;
    size_t pending_items_ = 0;
};

// Writes what the reading hands over, inside the import's transaction.
class Writing {
  public:
    Writing(Store& store, const WordPressImportOptions& options, Timestamp now,
            WordPressImportReport& report)
        : store_(store), options_(options), now_(now), report_(report) {
        for (const auto& s : store_.sections().list())
            next_position_ = std::max(next_position_, s.position + 1);
    }

    Status apply(Event& e) {
        return std::visit([this](auto& x) { return on(x); }, e);
    }

    // Category archives (/category/parent/child) answer with their section.
    Status finish() {
        for (const auto& [slug, wp] : categories_) {
            std::string path = "/" + wp.slug;
            std::set<std::string> seen{wp.slug};
            for (auto at = categories_.find(wp.parent);
                 at != categories_.end() && !seen.contains(at->first);
                 at = categories_.find(at->second.parent)) {
                seen.insert(at->first);
                path = "/" + at->second.slug + path;
            }
            auto section = sections_.find(slug);
            if (section == sections_.end()) continue;
            if (auto st = redirect("/category" + path, "/" + section->second.slug); !st) return st;
        }
        return {};
    }

  private:
    void note(std::string text) {
        if (report_.notes.size() < kMaxImportNotes) report_.notes.push_back(std::move(text));
    }

    Status on(const WxrSite& site) {
        std::string home(trim(site.link.empty() ? site.base_blog_url : site.link));
        while (!home.empty() && home.back() == '/')
            home.pop_back();
        report_.source = "wordpress:" + home;
        // A site without a title of its own takes the old site's.
        std::string title(trim(site.title));
        if (!title.empty() && !store_.settings().get("site.title"))
            if (auto st = store_.settings().set("site.title", title); !st) return st;
        for (const auto& item : store_.imports().imported(report_.source))
            done_.insert(item.kind + ":" + item.source_id);
        return {};
    }

    Status on(const WxrAuthor& a) {
        std::string name = std::string(trim(a.display_name));
        if (name.empty()) name = std::string(trim(a.first_name + " " + a.last_name));
        auto id = author_for(a.login, name);
        return id ? Status{} : Status(id.error());
    }

    Status on(const WxrTerm& t) {
        if (t.taxonomy == WxrTerm::Taxonomy::tag) {
            auto id = tag_for(t.slug, t.name, t.description);
            return id ? Status{} : Status(id.error());
        }
        std::string key = slug_of(t.slug, t.name, "section");
        std::string parent_key =
            trim(t.parent_slug).empty() ? std::string() : slug_of(t.parent_slug, {}, "section");
        categories_[key] = Category{std::string(trim(t.slug)), parent_key};
        std::optional<int64_t> parent;
        if (!t.parent_slug.empty() && slug_of(t.parent_slug, {}, "section") != key) {
            auto p = section_for(t.parent_slug, {}, {}, std::nullopt);
            if (!p) return p.error();
            parent = *p;
        }
        auto id = section_for(t.slug, t.name, t.description, parent);
        return id ? Status{} : Status(id.error());
    }

    Status on(PreparedItem& p) {
        auto& item = p.item;
        if (p.decision.action == ItemAction::skip) {
            ++report_.skipped[p.decision.reason];
            return {};
        }
        const char* kind = p.decision.action == ItemAction::story ? "story" : "page";
        std::string source_id = std::to_string(item.post_id);
        if (item.post_id <= 0)
            return Error::invalid("file", "line " + std::to_string(item.line) + ": a " + item.type +
                                              " without a wp:post_id");
        if (done_.contains(std::string(kind) + ":" + source_id)) {
            ++report_.already_imported;
            return {};
        }
        if (!p.body) {
            ++report_.skipped["body larger than 1 MB"];
            note(item.type + " " + source_id + " (line " + std::to_string(item.line) +
                 "): " + p.body_error + "; left out");
            return {};
        }
        report_.body_warnings += static_cast<int64_t>(p.body->warnings.size());
        Result<int64_t> made = p.decision.action == ItemAction::story ? story(p) : page(p);
        if (!made)
            return Error{made.error().kind,
                         item.type + " " + source_id + " (line " + std::to_string(item.line) +
                             "): " + made.error().message,
                         made.error().field};
        done_.insert(std::string(kind) + ":" + source_id);
        return store_.imports().record(report_.source, {kind, source_id, *made}, now_);
    }

    std::string headline_of(const PreparedItem& p) {
        std::string headline = p.headline;
        if (headline.empty()) headline = cut(collapse_spaces(p.body->text), 100);
        if (headline.empty())
            headline = "Untitled " + p.item.type + " " + std::to_string(p.item.post_id);
        if (headline.size() > kMaxHeadlineChars) {
            note("the title of " + p.item.type + " " + std::to_string(p.item.post_id) +
                 " was cut to " + std::to_string(kMaxHeadlineChars) + " characters");
            headline = cut(std::move(headline), kMaxHeadlineChars - 3);
        }
        return headline;
    }

    Result<int64_t> story(PreparedItem& p) {
        const WxrItem& item = p.item;
        Story s;
        s.headline = headline_of(p);
        s.slug = slug_of(item.post_name, s.headline, "story");
        s.standfirst = p.standfirst;
        s.body_format = BodyFormat::html;
        s.body_source = item.content;
        s.body_html = std::move(p.body->html);
        s.body_text = std::move(p.body->text);
        s.word_count = p.body->word_count;

        std::optional<int64_t> section;
        for (const auto& term : item.terms) {
            if (term.domain == "category") {
                if (!section) {
                    auto id = section_for(term.slug, term.name, {}, std::nullopt);
                    if (!id) return id.error();
                    section = *id;
                    continue;
                }
                // Dateline files a story in one section; WordPress's further
                // categories become tags, so that their grouping survives.
                auto id = tag_for(term.slug, term.name, {});
                if (!id) return id.error();
                if (std::find(s.tag_ids.begin(), s.tag_ids.end(), *id) == s.tag_ids.end())
                    s.tag_ids.push_back(*id);
            } else if (term.domain == "post_tag") {
                auto id = tag_for(term.slug, term.name, {});
                if (!id) return id.error();
                if (std::find(s.tag_ids.begin(), s.tag_ids.end(), *id) == s.tag_ids.end())
                    s.tag_ids.push_back(*id);
            } else if (term.domain == "post_format") {
                if (term.slug == "post-format-video") s.kind = StoryKind::video;
            }
        }
        if (!section) {
            auto id = section_for(options_.default_section, {}, {}, std::nullopt);
            if (!id) return id.error();
            section = *id;
        }
        s.section_id = *section;

        if (!item.creator.empty()) {
            auto author = author_for(item.creator, {});
            if (!author) return author.error();
            s.author_ids.push_back(*author);
        }

        auto written = parse_wp_time(item.post_date_gmt);
        if (!written) written = parse_wp_time(item.post_date);
        auto modified = parse_wp_time(item.modified_gmt);
        if (item.status == "publish" && !item.password.empty()) {
            s.status = StoryStatus::unpublished;
            note("post " + std::to_string(item.post_id) +
                 " is password-protected on WordPress: imported unpublished");
        } else if (item.status == "publish" || item.status == "future") {
            s.status = item.status == "publish" ? StoryStatus::published : StoryStatus::scheduled;
            if (!written) {
                note("post " + std::to_string(item.post_id) +
                     " has no date: published at the time of the import");
                written = now_;
            }
            s.published_at = *written;
        } else if (item.status == "pending") {
            s.status = StoryStatus::in_review;
        } else if (item.status == "private") {
            s.status = StoryStatus::unpublished;
        } else {
            s.status = StoryStatus::draft;
        }
        s.created_at = written.value_or(now_);
        s.updated_at = std::max(modified.value_or(s.created_at), s.created_at);
        if (s.published_at && modified && *modified > *s.published_at)
            s.content_updated_at = *modified;

        auto id = store_.stories().create(s);
        if (!id) return id.error();
        ++report_.stories;
        if (s.status == StoryStatus::published) {
            const std::string& section_slug = section_slug_by_id_.at(s.section_id);
            if (auto st = redirect_link(item.link, story_path(section_slug, s.slug, *id)); !st)
                return st.error();
        }
        return id;
    }

    Result<int64_t> page(PreparedItem& p) {
        const WxrItem& item = p.item;
        StaticPage page;
        page.title = headline_of(p);
        std::string wanted = slug_of(item.post_name, page.title, "page");
        page.slug = wanted;
        for (int n = 2; !page_slug_free(page.slug); ++n)
            page.slug = wanted + "-" + std::to_string(n);
        if (page.slug != wanted)
            note("page " + std::to_string(item.post_id) + " ('" + wanted + "') is at /" +
                 page.slug + ": the site has that address already");
        page.body_format = BodyFormat::html;
        page.body_source = item.content;
        page.body_html = std::move(p.body->html);
        auto written = parse_wp_time(item.post_date_gmt);
        page.updated_at = parse_wp_time(item.modified_gmt).value_or(written.value_or(now_));
        auto id = store_.pages().create(page);
        if (!id) return id.error();
        ++report_.pages;
        if (auto st = redirect_link(item.link, "/" + page.slug); !st) return st.error();
        return id;
    }

    bool page_slug_free(const std::string& slug) {
        if (kReservedPaths.contains(slug)) return false;
        if (section_slug_taken(slug)) return false;
        return !store_.pages().by_slug(slug);
    }

    bool section_slug_taken(const std::string& slug) {
        if (sections_.contains(slug)) return true;
        return store_.sections().by_slug(slug).has_value();
    }

    Status redirect_link(std::string_view link, const std::string& to) {
        auto from = permalink_path(link);
        if (!from) return {};
        return redirect(*from, to);
    }

    // Adds a 301 unless the path is the new one or has a redirect already
    // (an editor's redirect is never replaced).
    Status redirect(const std::string& from, const std::string& to) {
        if (from == to) return {};
        if (auto existing = store_.redirects().find(from)) {
            if (existing->to_path != to)
                note("the redirect from " + from + " to " + existing->to_path +
                     " is kept (the import would have sent it to " + to + ")");
            return {};
        }
        if (auto st = store_.redirects().put(Redirect{from, to, 301, 0}); !st) {
            note("no redirect from " + from + ": " + st.error().message);
            return {};
        }
        ++report_.redirects;
        return {};
    }

    Result<int64_t> section_for(std::string_view wp_slug, std::string_view name,
                                std::string_view description, std::optional<int64_t> parent) {
        std::string slug = slug_of(wp_slug, name, "section");
        if (auto at = sections_.find(slug); at != sections_.end()) return at->second.id;
        std::optional<Section> section = store_.sections().by_slug(slug);
        if (!section) {
            Section s;
            s.slug = slug;
            s.name = std::string(trim(name));
            if (s.name.empty()) {
                s.name = slug;
                std::replace(s.name.begin(), s.name.end(), '-', ' ');
                s.name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s.name[0])));
            }
            s.description = plain_text(description);
            s.parent_id = parent;
            s.position = next_position_++;
            auto id = store_.sections().create(s);
            if (!id) return id.error();
            s.id = *id;
            ++report_.sections;
            section = s;
        }
        section_slug_by_id_[section->id] = section->slug;
        return sections_.emplace(slug, *section).first->second.id;
    }

    Result<int64_t> tag_for(std::string_view wp_slug, std::string_view name,
                            std::string_view description) {
        std::string slug = slug_of(wp_slug, name, "tag");
        if (auto at = tags_.find(slug); at != tags_.end()) return at->second;
        int64_t id = 0;
        if (auto existing = store_.tags().by_slug(slug)) {
            id = existing->id;
        } else {
            Tag t;
            t.slug = slug;
            t.name = std::string(trim(name));
            if (t.name.empty()) t.name = slug;
            t.description = plain_text(description);
            auto made = store_.tags().create(t);
            if (!made) return made.error();
            id = *made;
            ++report_.tags;
        }
        // A tag archive whose slug changed (a non-Latin one) keeps its address.
        std::string old(trim(wp_slug));
        if (url_safe(old) && old != slug)
            if (auto st = redirect("/tag/" + old, "/tag/" + slug); !st) return st.error();
        tags_.emplace(slug, id);
        return id;
    }

    Result<int64_t> author_for(std::string_view login, std::string_view name) {
        std::string key(trim(login));
        if (auto at = authors_.find(key); at != authors_.end()) return at->second;
        std::string slug = slug_of(key, name, "author");
        int64_t id = 0;
        if (auto existing = store_.authors().by_slug(slug)) {
            id = existing->id;
        } else {
            Author a;
            a.slug = slug;
            a.name = name.empty() ? key : std::string(name);
            if (a.name.empty()) a.name = slug;
            a.kind = AuthorKind::person;
            auto made = store_.authors().create(a);
            if (!made) return made.error();
            id = *made;
            ++report_.authors;
        }
        if (url_safe(key) && key != slug)
            if (auto st = redirect("/author/" + key, "/author/" + slug); !st) return st.error();
        authors_.emplace(key, id);
        return id;
    }

    struct Category {
        std::string slug;    // as WordPress spells it in its URLs
        std::string parent;  // the parent's key (its section slug), empty at the top
    };

    Store& store_;
    const WordPressImportOptions& options_;
    Timestamp now_;
    WordPressImportReport& report_;
    std::set<std::string> done_;  // "story:12", "page:7"
    std::unordered_map<std::string, Section> sections_;
    std::unordered_map<int64_t, std::string> section_slug_by_id_;
    std::unordered_map<std::string, int64_t> tags_;
    std::unordered_map<std::string, int64_t> authors_;
    std::unordered_map<std::string, Category> categories_;  // by section slug
    int next_position_ = 0;
};

}  // namespace

Result<WordPressImportReport> import_wordpress(Store& store, const std::filesystem::path& file,
                                               const WordPressImportOptions& options,
                                               const Clock& clock) {
    if (!is_valid_slug(options.default_section))
        return Error::invalid("section",
                              "the default section '" + options.default_section +
                                  "' is not a slug (lower-case letters, digits, hyphens)");
    std::error_code ec;
    auto bytes = std::filesystem::file_size(file, ec);
    if (ec) return Error::io("cannot read " + file.string() + ": " + ec.message());

    using SteadyClock = std::chrono::steady_clock;
    auto start = SteadyClock::now();
    WordPressImportReport report;
    std::optional<SoleWriting> sole;
    DeferredIndexing indexing(store.search());
    if (!options.dry_run) {
        sole.emplace(store);
        if (bytes / kExportBytesPerPost >=
            static_cast<uintmax_t>(std::max<int64_t>(1, store.stories().count()))) {
            if (auto st = indexing.start(); !st) return st.error();
            report.search_deferred = true;
        }
    }

    BoundedQueue<Batch> queue(kQueuedBatches);
    Status read_status;
    bool rolled_back_on_purpose = false;
    auto st = store.transaction([&]() -> Status {
        Writing writing(store, options, clock.now(), report);
        std::jthread reader([&] {
            try {
                Reading reading(queue);
                read_status = read_wxr(file, reading);
                if (read_status) read_status = reading.flush();
                queue.close();
            } catch (...) {
                queue.close(std::current_exception());
            }
        });
        // The reader stops when the writer does, whichever way it leaves.
        struct StopReader {
            BoundedQueue<Batch>& queue;
            ~StopReader() { queue.cancel(); }
        } stop{queue};
        while (auto batch = queue.pop())
            for (auto& event : *batch)
                if (auto s = writing.apply(event); !s) return s;
        reader.join();
        if (!read_status) return read_status;
        if (report.source.empty()) return Error::invalid("file", "not a WordPress export");
        if (auto s = writing.finish(); !s) return s;
        if (auto s = store.changes().append({"*"}); !s) return s;
        if (options.dry_run) {
            rolled_back_on_purpose = true;
            return Error::conflict("dry run");
        }
        return {};
    });
    if (!st && !rolled_back_on_purpose) return st.error();
    report.reading = SteadyClock::now() - start;
    if (auto s = indexing.finish(); !s) return s.error();
    if (sole) sole->finish();
    report.indexing = SteadyClock::now() - start - report.reading;
    if (!options.dry_run && report.stories > 0) store.optimize();
    return report;
}

}  // namespace dateline

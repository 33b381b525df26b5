#include "app/application.h"

#include <unistd.h>

#include <spdlog/spdlog.h>
#include <atomic>
#include <condition_variable>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>

#include "admin/accounts.h"
#include "admin/admin_api.h"
#include "admin/admin_ui.h"
#include "admin/content_api.h"
#include "admin/mailer.h"
#include "admin/story_desk.h"
#include "app/collection_expiry.h"
#include "app/readership_worker.h"
#include "app/scheduler.h"
#include "demo/demo_site.h"
#include "http/server.h"
#include "model/site_time.h"
#include "render/page_cache.h"
#include "render/theme.h"
#include "search/search_log.h"
#include "site/site.h"
#include "util/files.h"
#include "util/strings.h"

namespace dateline {

namespace fs = std::filesystem;

fs::path share_dir() {
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        fs::path installed = exe.parent_path().parent_path() / "share" / "dateline";
        if (fs::is_directory(installed / "themes")) return installed;
    }
    return DATELINE_SHARE_DIR;
}

Application::Application(Config config) : config_(std::move(config)) {}
Application::~Application() = default;

Status Application::open() {
    if (auto st = ensure_writable_directory(config_.data_dir); !st) return st;
    StoreOptions options;
    options.sqlite_path = config_.database_path();
    options.connections = std::max(
        2, config_.threads > 0 ? config_.threads + 1
                               : static_cast<int>(std::thread::hardware_concurrency()) + 1);
    auto store = open_store(options);
    if (!store) return store.error();
    store_ = std::move(*store);
    store_->optimize();
    media_ = std::make_unique<MediaStorage>(config_.media_dir());
    return {};
}

Status Application::seed_demo_if_empty(const fs::path& site_json) {
    if (!store_->is_empty()) return {};
    auto widths = image_widths();
    if (!widths) return widths.error();
    return seed_demo_site(*store_, *media_, clock_,
                          site_json.empty() ? share_dir() / "demo" / "site.json" : site_json,
                          *widths);
}

Result<std::unique_ptr<DemoHeroes>> Application::seed_demo_heroes_later_if_empty(
    const fs::path& site_json) {
    if (!store_->is_empty()) return std::unique_ptr<DemoHeroes>();
    auto widths = image_widths();
    if (!widths) return widths.error();
    return seed_demo_site_heroes_later(
        *store_, *media_, clock_,
        site_json.empty() ? share_dir() / "demo" / "site.json" : site_json, *widths);
}

Result<std::vector<int>> Application::image_widths() const {
    fs::path themes = config_.themes_dir.empty() ? share_dir() / "themes" : config_.themes_dir;
    auto theme = Theme::load(themes / config_.theme);
    if (!theme) return theme.error();
    return (*theme)->settings().image_widths;
}

namespace {

// Applies the change log to this node's caches: writes by other processes
// (the CLI, other nodes) reach the reader site within a poll interval.
class ChangeWatcher {
  public:
    ChangeWatcher(Store& store, Site& site) : store_(store), site_(site) {
        last_ = store_.changes().last_seq();
        thread_ = std::thread([this] { run(); });
    }
    ~ChangeWatcher() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        wake_.notify_all();
        thread_.join();
    }

  private:
    void run() {
        std::unique_lock lock(mutex_);
        // A cheap check every few milliseconds, a query only after a commit.
        while (!wake_.wait_for(lock, std::chrono::milliseconds(5), [&] { return stopping_; })) {
            try {
                if (!store_.changes().maybe_changed()) continue;
                for (const auto& change : store_.changes().since(last_)) {
                    site_.invalidate(change.keys);
                    last_ = change.seq;
                }
            } catch (const std::exception& e) {
                spdlog::warn("change watcher: {}", e.what());
            }
        }
    }

    Store& store_;
    Site& site_;
    int64_t last_ = 0;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace

Status Application::serve() {
    auto effective = with_stored_settings(config_, store_->settings().all());
    if (!effective) return effective.error();
    config_ = std::move(*effective);
    fs::path themes = config_.themes_dir.empty() ? share_dir() / "themes" : config_.themes_dir;
    auto theme = Theme::load(themes / config_.theme);
    if (!theme) return theme.error();
    auto time = SiteTime::open(config_.timezone);
    if (!time) return time.error();

    auto widths = image_widths();
    if (!widths) return widths.error();

    PageCache cache(config_.cache_bytes);
    search::SearchLogOptions log_options;
    log_options.flush_interval = config_.search_flush_interval;
    search::SearchLog search_log(store_->search_terms(), clock_, log_options);
    Site site(SiteParts{*store_, *theme, cache, *time, *media_, clock_, config_.site, &search_log});
    ChangeWatcher watcher(*store_, site);
    // Declared after the site and stopped before it: its last flush stores
    // the views of the final requests.
    std::optional<ReadershipWorker> readership;
    if (config_.readership.enabled) readership.emplace(*store_, site, clock_, config_.readership);

    // The newsroom: writes invalidate this node's pages at once (the change
    // log tells the other nodes).
    Invalidate invalidate = [&site](const std::vector<std::string>& keys) {
        site.invalidate(keys);
    };
    FileMailer mailer(config_.data_dir / "mail");
    Accounts accounts(*store_, clock_, mailer, config_.site.base_url);
    StoryDesk desk(*store_, clock_, config_.site.base_url, invalidate);
    AdminApiParts admin_parts{
        *store_, clock_,  accounts,   desk,
        *media_, *widths, invalidate, starts_with(config_.site.base_url, "https://")};
    AdminApi admin_api(admin_parts);
    ContentApi content_api(ContentApiParts{*store_, accounts, config_.site.base_url});
    auto admin_ui = AdminUi::load(
        AdminUiParts{admin_parts, *time, share_dir() / "admin-ui", config_.site.title});
    if (!admin_ui) return admin_ui.error();
    CollectionExpiry expiry(*store_, clock_, invalidate);
    // Publishing first: a failed expiry check must not hold back a story.
    Scheduler scheduler([&desk, &expiry] {
        int published = desk.publish_due();
        expiry.tick();
        return published;
    });

    http::ServerOptions options;
    options.address = config_.listen_address;
    options.port = config_.listen_port;
    options.threads = config_.threads;
    options.limits = config_.limits;
    options.limits.upload_path_prefixes = {std::string(kAdminApiPrefix) + "/media",
                                           std::string(kAdminUiPrefix) + "/media"};
    options.access_log = config_.access_log;

    Store& store = *store_;
    auto handler = [&](const http::Request& request) -> http::Response {
        if (request.path == "/healthz") {
            auto r = http::Response::text(200, "{\"status\":\"ok\",\"schema\":" +
                                                   std::to_string(store.schema_version()) + "}\n");
            r.content_type = "application/json";
            return r;
        }
        if (starts_with(request.path, kAdminApiPrefix) &&
            (request.path.size() == kAdminApiPrefix.size() ||
             request.path[kAdminApiPrefix.size()] == '/'))
            return admin_api.handle(request);
        if (starts_with(request.path, kContentApiPrefix) &&
            (request.path.size() == kContentApiPrefix.size() ||
             request.path[kContentApiPrefix.size()] == '/'))
            return content_api.handle(request);
        if (starts_with(request.path, kAdminUiPrefix) &&
            (request.path.size() == kAdminUiPrefix.size() ||
             request.path[kAdminUiPrefix.size()] == '/'))
            return (*admin_ui)->handle(request);
        return site.handle(request);
    };
    try {
        http::Server server(options, handler);
        server.run(true, [&] {
            std::cout << "Dateline listening on http://"
                      << (options.address.find(':') != std::string::npos
                              ? "[" + options.address + "]"
                              : options.address)
                      << ":" << server.port() << "/" << std::endl;
        });
    } catch (const std::system_error& e) {
        return Error::io("cannot listen on " + options.address + ":" +
                         std::to_string(options.port) + ": " + e.what());
    }
    return {};
}

}  // namespace dateline

// The site the micro-benchmarks measure: the folder in DATELINE_BENCH_DATA
// when set (made by `dateline demo --stories N`), otherwise the demo site and
// 10,000 generated stories in a temporary folder, made on first use.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "app/application.h"
#include "demo/demo_site.h"
#include "media/media_storage.h"
#include "model/site_time.h"
#include "render/page_cache.h"
#include "render/theme.h"
#include "site/site.h"
#include "store/store.h"

namespace dateline {

struct BenchSite {
    std::filesystem::path dir;
    std::unique_ptr<Store> store;
    std::unique_ptr<MediaStorage> media;
    std::unique_ptr<PageCache> cache;
    std::unique_ptr<Site> site;
    SystemClock clock;

    BenchSite(const std::string& fallback_folder, size_t cache_bytes) {
        const char* given = std::getenv("DATELINE_BENCH_DATA");
        dir = given ? std::filesystem::path(given)
                    : std::filesystem::temp_directory_path() / fallback_folder;
        std::filesystem::create_directories(dir);
        StoreOptions options;
        options.sqlite_path = dir / "dateline.db";
        store = std::move(*open_store(options));
        media = std::make_unique<MediaStorage>(dir / "media");
        if (store->is_empty()) {
            if (!seed_demo_site(*store, *media, clock, share_dir() / "demo" / "site.json"))
                std::abort();
            if (!generate_stories(*store, *media, 10000)) std::abort();
        }
        cache = std::make_unique<PageCache>(cache_bytes);
        auto theme = Theme::load(share_dir() / "themes" / "broadsheet");
        auto time = SiteTime::open("Asia/Kolkata");
        site = std::make_unique<Site>(
            SiteParts{*store, *theme, *cache, *time, *media, clock, SiteInfo{}});
    }

    // A GET through the whole site, page cache included.
    http::Response get(std::string_view path) {
        http::Request r;
        r.method = http::Method::get;
        r.target = r.path = path;
        return site->handle(r);
    }
};

}  // namespace dateline

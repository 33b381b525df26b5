// Wiring: builds the parts from the configuration, and runs the server with
// the change watcher beside it.
#pragma once

#include <filesystem>
#include <memory>
#include <vector>

#include "app/config.h"
#include "media/media_storage.h"
#include "store/store.h"
#include "util/clock.h"
#include "util/status.h"

namespace dateline {

class DemoHeroes;  // demo/demo_site.h

class Application {
  public:
    explicit Application(Config config);
    ~Application();

    // Checks that the data folder can be written and opens (creating and
    // migrating) the database. io errors say which folder or file is at fault.
    Status open();
    Store& store() { return *store_; }
    MediaStorage& media() { return *media_; }
    const Config& config() const { return config_; }
    const Clock& clock() const { return clock_; }

    // Seeds the demo site (the bundled one, or the file given) when the store
    // is empty; does nothing otherwise.
    Status seed_demo_if_empty(const std::filesystem::path& site_json = {});
    // The same for a bulk load that writes generated stories next: the
    // demo stories' pictures are painted meanwhile, and come with finish()
    // (demo/demo_site.h). Nothing to finish when the store was not empty.
    Result<std::unique_ptr<DemoHeroes>> seed_demo_heroes_later_if_empty(
        const std::filesystem::path& site_json = {});
    // The widths the configured theme wants images at (theme.json's
    // image_widths); errors name the theme file at fault.
    Result<std::vector<int>> image_widths() const;

    // Serves until SIGTERM or SIGINT. Prints the address it listens on.
    Status serve();

  private:
    Config config_;
    SystemClock clock_;
    std::unique_ptr<Store> store_;
    std::unique_ptr<MediaStorage> media_;
};

// Where the program's own files (themes, demo content) are: next to an
// installed program, or the source tree it was built from.
std::filesystem::path share_dir();

}  // namespace dateline

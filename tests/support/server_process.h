// Starts the real dateline binary as a child process on an ephemeral
// loopback port and stops it by its PID.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace dateline::testing {

// A fresh data folder under the system's temporary directory, removed with
// the object.
class TempDir {
  public:
    TempDir();
    ~TempDir();
    const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

struct CommandResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// Runs `dateline args...` to completion with the extra environment.
CommandResult run_dateline(const std::vector<std::string>& args,
                           const std::map<std::string, std::string>& env = {},
                           const std::string& stdin_text = "");

class ServerProcess {
  public:
    // Starts `dateline serve --data DIR --listen 127.0.0.1:0 extra...` and
    // waits until it prints the address it listens on. Throws on failure.
    ServerProcess(const std::filesystem::path& data_dir, const std::vector<std::string>& extra = {},
                  const std::map<std::string, std::string>& env = {});
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    int port() const { return port_; }
    pid_t pid() const { return pid_; }
    // Sends the signal and waits for the exit; returns the exit status, or
    // -1 when the process did not end within the timeout.
    int stop(int signal_number, int timeout_ms = 15000);

  private:
    pid_t pid_ = -1;
    int port_ = 0;
    int stdout_fd_ = -1;
};

// Seeds the test site (tests/fixtures/mini-site.json) and, when stories > 0,
// that many generated stories, into the data folder.
void seed_test_site(const std::filesystem::path& data_dir, int generated_stories = 0);

}  // namespace dateline::testing

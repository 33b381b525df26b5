#include "support/server_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <random>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace dateline::testing {

namespace fs = std::filesystem;

TempDir::TempDir() {
    std::random_device rd;
    path_ = fs::temp_directory_path() /
            ("dateline-test-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
    fs::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
}

namespace {

std::vector<std::string> environment_with(const std::map<std::string, std::string>& extra) {
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e) {
        std::string entry(*e);
        // The tests decide every DATELINE_ setting themselves.
        if (entry.rfind("DATELINE_", 0) == 0) continue;
        env.push_back(entry);
    }
    for (const auto& [k, v] : extra)
        env.push_back(k + "=" + v);
    return env;
}

std::vector<char*> c_strings(std::vector<std::string>& items) {
    std::vector<char*> out;
    for (auto& s : items)
        out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

pid_t spawn(std::vector<std::string> argv, const std::map<std::string, std::string>& env_extra,
            int in_fd, int out_fd, int err_fd) {
    auto env = environment_with(env_extra);
    auto argv_c = c_strings(argv);
    auto env_c = c_strings(env);
    pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        if (in_fd >= 0) ::dup2(in_fd, 0);
        if (out_fd >= 0) ::dup2(out_fd, 1);
        if (err_fd >= 0) ::dup2(err_fd, 2);
        ::execve(argv_c[0], argv_c.data(), env_c.data());
        std::perror("execve");
        ::_exit(127);
    }
    return pid;
}

std::string drain(int fd) {
    std::string out;
    char buf[4096];
    ssize_t n;
    while ((n = ::read(fd, buf, sizeof buf)) > 0)
        out.append(buf, static_cast<size_t>(n));
    return out;
}

}  // namespace

CommandResult run_dateline(const std::vector<std::string>& args,
                           const std::map<std::string, std::string>& env,
                           const std::string& stdin_text) {
    int in_pipe[2], out_pipe[2], err_pipe[2];
    if (::pipe(in_pipe) || ::pipe(out_pipe) || ::pipe(err_pipe)) throw std::runtime_error("pipe");
    std::vector<std::string> argv{DATELINE_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    pid_t pid = spawn(argv, env, in_pipe[0], out_pipe[1], err_pipe[1]);
    ::close(in_pipe[0]);
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);
    if (!stdin_text.empty()) {
        ssize_t ignored = ::write(in_pipe[1], stdin_text.data(), stdin_text.size());
        (void)ignored;
    }
    ::close(in_pipe[1]);
    CommandResult result;
    // Read stderr on a thread so that neither pipe can fill up and block.
    std::thread err_reader([&] { result.err = drain(err_pipe[0]); });
    result.out = drain(out_pipe[0]);
    err_reader.join();
    ::close(out_pipe[0]);
    ::close(err_pipe[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return result;
}

ServerProcess::ServerProcess(const fs::path& data_dir, const std::vector<std::string>& extra,
                             const std::map<std::string, std::string>& env) {
    int out_pipe[2];
    if (::pipe(out_pipe)) throw std::runtime_error("pipe");
    std::vector<std::string> argv{DATELINE_BINARY,   "serve",    "--data",
                                  data_dir.string(), "--listen", "127.0.0.1:0"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    auto env_all = env;
    if (!env_all.count("DATELINE_SERVER_ACCESS_LOG"))
        env_all["DATELINE_SERVER_ACCESS_LOG"] = (data_dir / "access.log").string();
    if (!env_all.count("DATELINE_SERVER_THREADS")) env_all["DATELINE_SERVER_THREADS"] = "2";
    pid_ = spawn(argv, env_all, -1, out_pipe[1], -1);
    ::close(out_pipe[1]);
    stdout_fd_ = out_pipe[0];

    // A line says "Dateline listening on http://127.0.0.1:PORT/" (a demo
    // site may print its sign-in line before it).
    std::string line;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    auto ready = [&] {
        size_t at = line.find("listening on http://");
        return at != std::string::npos && line.find('\n', at) != std::string::npos;
    };
    while (!ready()) {
        pollfd p{stdout_fd_, POLLIN, 0};
        int left = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                        deadline - std::chrono::steady_clock::now())
                                        .count());
        if (left <= 0 || ::poll(&p, 1, left) <= 0) {
            stop(SIGKILL);
            throw std::runtime_error("dateline serve did not start in time");
        }
        char buf[256];
        ssize_t n = ::read(stdout_fd_, buf, sizeof buf);
        if (n <= 0) {
            stop(SIGKILL);
            throw std::runtime_error("dateline serve exited before listening");
        }
        line.append(buf, static_cast<size_t>(n));
    }
    size_t at = line.find("listening on http://");
    auto colon = line.rfind(':', line.find('\n', at));
    port_ = std::stoi(line.substr(colon + 1));
}

int ServerProcess::stop(int signal_number, int timeout_ms) {
    if (pid_ <= 0) return -1;
    ::kill(pid_, signal_number);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    int status = 0;
    while (true) {
        pid_t r = ::waitpid(pid_, &status, WNOHANG);
        if (r == pid_) break;
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, &status, 0);
            pid_ = -1;
            return -1;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    pid_ = -1;
    if (stdout_fd_ >= 0) {
        ::close(stdout_fd_);
        stdout_fd_ = -1;
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

ServerProcess::~ServerProcess() {
    if (pid_ > 0) stop(SIGTERM);
    if (stdout_fd_ >= 0) ::close(stdout_fd_);
}

void seed_test_site(const fs::path& data_dir, int generated_stories) {
    std::vector<std::string> args{
        "demo", "--data", data_dir.string(), "--from",
        std::string(DATELINE_SOURCE_DIR) + "/tests/fixtures/mini-site.json"};
    if (generated_stories > 0) {
        args.push_back("--stories");
        args.push_back(std::to_string(generated_stories));
    }
    auto r = run_dateline(args);
    if (r.exit_code != 0) throw std::runtime_error("seeding failed: " + r.err);
}

}  // namespace dateline::testing

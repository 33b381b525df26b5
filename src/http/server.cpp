#include "http/server.h"

// <utility> before any Asio header: Boost 1.74's Asio misses it under C++20.
#include <utility>

#include <sys/resource.h>
#include <sys/sendfile.h>
#include <sys/socket.h>

#include <spdlog/async.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <array>
#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <ctime>
#include <list>
#include <mutex>
#include <thread>

#include "util/allocator.h"
#include "util/strings.h"

namespace dateline::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

// "Date: Sun, 29 Nov 2026 08:30:00 GMT\r\n", remade at most once a second
// per thread so that prepared responses never carry a stale date.
std::string_view date_line() {
    thread_local std::time_t cached_second = 0;
    thread_local char line[64];
    thread_local size_t length = 0;
    std::time_t now = std::time(nullptr);
    if (now != cached_second) {
        cached_second = now;
        std::tm tm{};
        gmtime_r(&now, &tm);
        length = std::strftime(line, sizeof line, "Date: %a, %d %b %Y %H:%M:%S GMT\r\n", &tm);
    }
    return {line, length};
}

Method parse_method(bhttp::verb verb) {
    switch (verb) {
        case bhttp::verb::get:
            return Method::get;
        case bhttp::verb::head:
            return Method::head;
        case bhttp::verb::post:
            return Method::post;
        case bhttp::verb::put:
            return Method::put;
        case bhttp::verb::patch:
            return Method::patch;
        case bhttp::verb::delete_:
            return Method::delete_;
        case bhttp::verb::options:
            return Method::options;
        default:
            return Method::other;
    }
}

using BeastRequest = bhttp::request<bhttp::string_body>;

std::string_view field_of(const BeastRequest& msg, bhttp::field f) {
    auto it = msg.find(f);
    if (it == msg.end()) return {};
    auto v = it->value();
    return {v.data(), v.size()};
}

std::string_view lookup_any_header(const void* raw, std::string_view name) {
    const auto& msg = *static_cast<const BeastRequest*>(raw);
    auto it = msg.find(beast::string_view(name.data(), name.size()));
    if (it == msg.end()) return {};
    auto v = it->value();
    return {v.data(), v.size()};
}

const std::string kNotModifiedLine = "HTTP/1.1 304 Not Modified\r\n";
const std::string kConnectionClose = "Connection: close\r\n";
const std::string kConnectionKeepAlive = "Connection: keep-alive\r\n";

}  // namespace

class Session;

// Members are destroyed in reverse order: the acceptor, then the io_context
// (whose pending handlers may still hold sessions, which unregister
// themselves), and the session list last.
struct Worker {
    std::list<Session*> sessions;  // touched only on this worker's thread
    asio::io_context ioc{1};
    std::optional<tcp::acceptor> acceptor;
    // Closes the connections whose read or write deadline has passed.
    std::optional<asio::steady_timer> sweep;
};

// How often a worker looks for connections past their deadline: timeouts
// are whole seconds, so they end up to this much late.
constexpr auto kSweepInterval = std::chrono::milliseconds(250);

struct Server::Impl {
    ServerOptions options;
    Handler handler;
    std::vector<std::unique_ptr<Worker>> workers;
    std::shared_ptr<spdlog::logger> access_log;
    std::atomic<bool> stopping{false};
    asio::io_context control;  // signals and stop requests
    uint16_t bound_port = 0;

    void accept(Worker& worker);
    void sweep(Worker& worker);
    void begin_shutdown();
};

class Session : public std::enable_shared_from_this<Session> {
  public:
    Session(tcp::socket socket, Server::Impl& server, Worker& worker)
        : socket_(std::move(socket)), server_(server), worker_(worker) {
        worker_.sessions.push_front(this);
        registration_ = worker_.sessions.begin();
    }
    ~Session() { worker_.sessions.erase(registration_); }

    void start() {
        beast::error_code ec;
        auto endpoint = socket_.remote_endpoint(ec);
        remote_ = ec ? "-" : endpoint.address().to_string();
        socket_.set_option(tcp::no_delay(true), ec);
        read_request();
    }

    // Closes a connection that waits for its next request; one that is
    // being answered closes by itself after the answer.
    void close_if_idle() {
        if (!idle_) return;
        beast::error_code ec;
        socket_.shutdown(tcp::socket::shutdown_both, ec);
        socket_.close(ec);
    }

    // A reader too slow to send its request or take its answer is dropped:
    // closing the socket ends the operation waiting on it.
    void close_if_late(std::chrono::steady_clock::time_point now) {
        if (now < deadline_) return;
        beast::error_code ec;
        socket_.close(ec);
    }

  private:
    void read_request() {
        idle_ = true;
        parser_.emplace();
        parser_->header_limit(static_cast<std::uint32_t>(server_.options.limits.max_header_bytes));
        // Beast checks a Content-Length against the limit as the header
        // completes, so the header is read with the largest limit and
        // on_header() applies the path's own.
        const Limits& limits = server_.options.limits;
        parser_->body_limit(limits.upload_path_prefixes.empty()
                                ? limits.max_body_bytes
                                : std::max(limits.max_body_bytes, limits.max_upload_bytes));
        deadline_ = std::chrono::steady_clock::now() + server_.options.limits.read_timeout;
        // The header decides the body limit: upload paths may send more.
        bhttp::async_read_header(
            socket_, buffer_, *parser_,
            [self = shared_from_this()](beast::error_code ec, size_t) { self->on_header(ec); });
    }

    void on_header(beast::error_code ec) {
        if (ec) return on_read(ec);
        const Limits& limits = server_.options.limits;
        auto target = parser_->get().target();
        std::string_view path(target.data(), target.size());
        size_t limit = limits.max_body_bytes;
        for (const auto& prefix : limits.upload_path_prefixes)
            if (path.starts_with(prefix)) limit = limits.max_upload_bytes;
        if (auto length = parser_->content_length(); length && *length > limit)
            return on_read(bhttp::error::body_limit);
        parser_->body_limit(limit);
        if (parser_->is_done()) return on_read({});
        bhttp::async_read(
            socket_, buffer_, *parser_,
            [self = shared_from_this()](beast::error_code ec, size_t) { self->on_read(ec); });
    }

    void on_read(beast::error_code ec) {
        idle_ = false;
        if (ec == bhttp::error::end_of_stream || ec == asio::error::operation_aborted ||
            ec == asio::error::bad_descriptor)
            return close();
        if (ec == bhttp::error::header_limit)
            return reject(431, "Request header fields too large\n");
        if (ec == bhttp::error::body_limit) return reject(413, "Request body too large\n");
        if (ec && ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category())
            return reject(400, "Malformed request\n");  // any other parse error
        if (ec) return close();
        handle();
    }

    void handle() {
        const BeastRequest& msg = parser_->get();
        auto started = server_.access_log ? std::chrono::steady_clock::now()
                                          : std::chrono::steady_clock::time_point{};
        Request req;
        req.method = parse_method(msg.method());
        auto method_text = msg.method_string();
        req.method_text = {method_text.data(), method_text.size()};
        auto target = msg.target();
        req.target = {target.data(), target.size()};
        split_target(req.target, req.path, req.query);
        req.host = field_of(msg, bhttp::field::host);
        req.accept_encoding = field_of(msg, bhttp::field::accept_encoding);
        req.if_none_match = field_of(msg, bhttp::field::if_none_match);
        req.if_modified_since = field_of(msg, bhttp::field::if_modified_since);
        req.user_agent = field_of(msg, bhttp::field::user_agent);
        req.referer = field_of(msg, bhttp::field::referer);
        req.cookie = field_of(msg, bhttp::field::cookie);
        req.content_type = field_of(msg, bhttp::field::content_type);
        req.authorization = field_of(msg, bhttp::field::authorization);
        req.body = msg.body();
        req.remote_address = remote_;
        req.version = msg.version();
        req.raw_headers = &msg;
        req.lookup_header = &lookup_any_header;

        if (req.target.empty() || req.target.front() != '/') {
            if (req.target != "*" || req.method != Method::options)
                return reject(400, "Malformed request target\n");
        }

        bool gzip_ok = req.accepts_gzip();
        std::shared_ptr<const PreparedResponse> prepared;
        try {
            Response response = server_.handler(req);
            prepared = response.prepared ? std::move(response.prepared)
                                         : prepare(std::move(response), gzip_ok);
        } catch (const std::exception& e) {
            spdlog::error("request {} {} failed: {}", req.method_text, req.target, e.what());
            prepared = prepare(Response::text(500, "Internal server error\n"), false);
        }

        bool keep_alive = msg.keep_alive() && !server_.stopping.load(std::memory_order_relaxed);
        bool use_gzip = gzip_ok && !prepared->gzip.empty();
        bool conditional = req.method == Method::get || req.method == Method::head;
        const std::string* status_line = &prepared->status_line;
        std::string_view rest;
        int status = prepared->status;
        if (conditional && is_not_modified(*prepared, req.if_none_match, req.if_modified_since)) {
            status_line = &kNotModifiedLine;
            status = 304;
            const Variant& v = use_gzip && !prepared->not_modified_gzip.empty()
                                   ? prepared->not_modified_gzip
                                   : prepared->not_modified;
            rest = v.bytes;
        } else {
            const Variant& v = use_gzip ? prepared->gzip : prepared->identity;
            rest = req.method == Method::head ? v.header() : std::string_view(v.bytes);
            if (req.method != Method::head && v.body_file) {
                log(req, status, rest.size(), started);
                return send_file(prepared, *status_line, v, keep_alive, msg.version() == 10);
            }
        }
        log(req, status, rest.size(), started);
        send(prepared, *status_line, rest, keep_alive, msg.version() == 10);
    }

    // The header block with one send (MSG_MORE: it waits for the body), then
    // the body's pages from its file with sendfile(), as nginx sends a
    // static file; the copy into the socket was most of the server's time
    // on a large cached page.
    void send_file(std::shared_ptr<const PreparedResponse> keep, const std::string& status_line,
                   const Variant& v, bool keep_alive, bool http10) {
        current_ = std::move(keep);
        keep_alive_ = keep_alive;
        file_ = v.body_file.get();
        file_sent_ = 0;
        head_sent_ = 0;
        head_.assign(status_line);
        head_ += date_line();
        if (!keep_alive)
            head_ += kConnectionClose;
        else if (http10)
            head_ += kConnectionKeepAlive;
        head_ += v.header();
        // Once per connection: each set is an ioctl() of its own.
        if (!socket_.native_non_blocking()) {
            beast::error_code ec;
            socket_.native_non_blocking(true, ec);
            if (ec) return close();
        }
        continue_file();
    }

    void continue_file() {
        int socket = socket_.native_handle();
        while (head_sent_ < head_.size()) {
            ssize_t n = ::send(socket, head_.data() + head_sent_, head_.size() - head_sent_,
                               MSG_MORE | MSG_NOSIGNAL);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return wait_writable();
            if (n <= 0) return close();
            head_sent_ += static_cast<size_t>(n);
        }
        while (file_sent_ < file_->size()) {
            off_t offset = static_cast<off_t>(file_sent_);
            ssize_t n = ::sendfile(socket, file_->fd(), &offset, file_->size() - file_sent_);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return wait_writable();
            if (n <= 0) return close();
            file_sent_ += static_cast<size_t>(n);
        }
        on_write({});
    }

    // A reader that takes nothing for write_timeout is dropped (by the
    // worker's sweep), as on the copying path.
    void wait_writable() {
        deadline_ = std::chrono::steady_clock::now() + server_.options.limits.write_timeout;
        socket_.async_wait(tcp::socket::wait_write,
                           [self = shared_from_this()](beast::error_code ec) {
                               if (ec) return self->close();
                               self->continue_file();
                           });
    }

    void send(std::shared_ptr<const PreparedResponse> keep, const std::string& status_line,
              std::string_view rest, bool keep_alive, bool http10) {
        current_ = std::move(keep);
        keep_alive_ = keep_alive;
        auto date = date_line();
        date_copy_.assign(date.data(), date.size());  // the thread's line may change mid-write
        std::array<asio::const_buffer, 4> buffers{
            asio::buffer(status_line), asio::buffer(date_copy_),
            keep_alive ? (http10 ? asio::buffer(kConnectionKeepAlive) : asio::const_buffer())
                       : asio::buffer(kConnectionClose),
            asio::buffer(rest.data(), rest.size())};
        deadline_ = std::chrono::steady_clock::now() + server_.options.limits.write_timeout;
        asio::async_write(
            socket_, buffers,
            [self = shared_from_this()](beast::error_code ec, size_t) { self->on_write(ec); });
    }

    void on_write(beast::error_code ec) {
        current_.reset();
        if (ec || !keep_alive_) return close();
        read_request();
    }

    void reject(int status, std::string message) {
        auto prepared = prepare(Response::text(status, std::move(message)), false);
        Request req;
        req.remote_address = remote_;
        if (parser_ && parser_->is_header_done()) {
            auto m = parser_->get().method_string();
            req.method_text = {m.data(), m.size()};
            auto t = parser_->get().target();
            req.target = {t.data(), t.size()};
        }
        log(req, status, prepared->identity.bytes.size(), std::chrono::steady_clock::now());
        send(prepared, prepared->status_line, prepared->identity.bytes, false, false);
    }

    void close() {
        deadline_ = std::chrono::steady_clock::time_point::max();
        beast::error_code ec;
        socket_.shutdown(tcp::socket::shutdown_send, ec);
        socket_.close(ec);
    }

    void log(const Request& req, int status, size_t bytes,
             std::chrono::steady_clock::time_point started) {
        if (!server_.access_log) return;
        auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::steady_clock::now() - started)
                          .count();
        std::time_t now = std::time(nullptr);
        std::tm tm{};
        gmtime_r(&now, &tm);
        char when[32];
        std::strftime(when, sizeof when, "%d/%b/%Y:%H:%M:%S +0000", &tm);
        server_.access_log->info("{} - - [{}] \"{} {} HTTP/{}.{}\" {} {} \"{}\" \"{}\" {}us",
                                 remote_, when, req.method_text.empty() ? "-" : req.method_text,
                                 req.target.empty() ? "-" : req.target, req.version / 10,
                                 req.version % 10, status, bytes,
                                 req.referer.empty() ? "-" : req.referer,
                                 req.user_agent.empty() ? "-" : req.user_agent, micros);
    }

    // A plain socket, not Beast's tcp_stream: its timer per operation cost
    // more than the sweep that replaces it (Worker::sweep).
    tcp::socket socket_;
    std::chrono::steady_clock::time_point deadline_ = std::chrono::steady_clock::time_point::max();
    beast::flat_buffer buffer_;
    std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
    std::shared_ptr<const PreparedResponse> current_;
    std::string date_copy_;
    // send_file(): the header block, the body's file and how much of each
    // has gone.
    std::string head_;
    const BodyFile* file_ = nullptr;
    size_t head_sent_ = 0;
    size_t file_sent_ = 0;
    std::string remote_;
    Server::Impl& server_;
    Worker& worker_;
    std::list<Session*>::iterator registration_;
    bool idle_ = true;
    bool keep_alive_ = true;
};

void Server::Impl::accept(Worker& worker) {
    worker.acceptor->async_accept(
        worker.ioc, [this, &worker](beast::error_code ec, tcp::socket socket) {
            if (ec == asio::error::operation_aborted || !worker.acceptor->is_open()) return;
            if (!ec) std::make_shared<Session>(std::move(socket), *this, worker)->start();
            accept(worker);
        });
}

void Server::Impl::sweep(Worker& worker) {
    worker.sweep->expires_after(kSweepInterval);
    worker.sweep->async_wait([this, &worker](beast::error_code ec) {
        if (ec) return;  // cancelled at shutdown
        auto now = std::chrono::steady_clock::now();
        // Closing only cancels the socket's operations; no session ends (or
        // leaves the list) before their handlers run, after this loop.
        for (Session* s : worker.sessions)
            s->close_if_late(now);
        sweep(worker);
    });
}

void Server::Impl::begin_shutdown() {
    if (stopping.exchange(true)) return;
    for (auto& w : workers) {
        Worker* worker = w.get();
        asio::post(worker->ioc, [worker] {
            beast::error_code ec;
            worker->acceptor->close(ec);
            // In-flight answers finish within the shutdown grace, not by the sweep.
            worker->sweep->cancel();
            // Copy: closing may end a session and unregister it.
            std::vector<Session*> sessions(worker->sessions.begin(), worker->sessions.end());
            for (Session* s : sessions)
                s->close_if_idle();
        });
    }
}

namespace {
// Every large cached page keeps its body's file open (BodyFile) beside the
// connections: take the whole allowance rather than the soft 1,024.
void raise_open_file_limit() {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= limit.rlim_max) return;
    limit.rlim_cur = limit.rlim_max;
    if (::setrlimit(RLIMIT_NOFILE, &limit) != 0)
        spdlog::warn("could not raise the open file limit to {}", limit.rlim_max);
}
}  // namespace

Server::Server(ServerOptions options, Handler handler) : impl_(std::make_unique<Impl>()) {
    raise_open_file_limit();
    keep_freed_heap_for_reuse();
    // sendfile() has no MSG_NOSIGNAL: a reader that hangs up mid-body would
    // end the process with SIGPIPE instead of failing that one write.
    std::signal(SIGPIPE, SIG_IGN);
    impl_->options = std::move(options);
    impl_->handler = std::move(handler);
    int threads = impl_->options.threads > 0
                      ? impl_->options.threads
                      : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    auto address = asio::ip::make_address(impl_->options.address);
    uint16_t port = impl_->options.port;
    for (int i = 0; i < threads; ++i) {
        auto worker = std::make_unique<Worker>();
        tcp::endpoint endpoint(address, port);
        worker->acceptor.emplace(worker->ioc);
        worker->acceptor->open(endpoint.protocol());
        worker->acceptor->set_option(asio::socket_base::reuse_address(true));
        int one = 1;
        ::setsockopt(worker->acceptor->native_handle(), SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
        worker->acceptor->bind(endpoint);
        worker->acceptor->listen(asio::socket_base::max_listen_connections);
        // With port 0 the first bind picks the port; the others share it.
        port = worker->acceptor->local_endpoint().port();
        impl_->workers.push_back(std::move(worker));
    }
    impl_->bound_port = port;

    const std::string& log_target = impl_->options.access_log;
    if (!log_target.empty()) {
        spdlog::init_thread_pool(8192, 1);
        std::shared_ptr<spdlog::sinks::sink> sink;
        if (log_target == "-")
            sink = std::make_shared<spdlog::sinks::stdout_sink_mt>();
        else
            sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(log_target);
        impl_->access_log = std::make_shared<spdlog::async_logger>(
            "access", sink, spdlog::thread_pool(), spdlog::async_overflow_policy::block);
        impl_->access_log->set_pattern("%v");
        impl_->access_log->flush_on(spdlog::level::info);
    }
}

Server::~Server() {
    if (impl_->access_log) impl_->access_log->flush();
}

uint16_t Server::port() const {
    return impl_->bound_port;
}

void Server::stop() {
    asio::post(impl_->control, [impl = impl_.get()] { impl->control.stop(); });
}

void Server::run(bool handle_signals, const std::function<void()>& on_ready) {
    Impl& impl = *impl_;
    for (auto& w : impl.workers) {
        impl.accept(*w);
        w->sweep.emplace(w->ioc);
        impl.sweep(*w);
    }

    std::mutex mutex;
    std::condition_variable done;
    int running = static_cast<int>(impl.workers.size());
    std::vector<std::thread> threads;
    for (auto& w : impl.workers) {
        threads.emplace_back([&, worker = w.get()] {
            worker->ioc.run();
            std::lock_guard lock(mutex);
            --running;
            done.notify_all();
        });
    }

    // The control loop waits for a signal or stop(); a work guard keeps it
    // alive until then.
    auto guard = asio::make_work_guard(impl.control);
    std::optional<asio::signal_set> signals;
    if (handle_signals) {
        signals.emplace(impl.control, SIGINT, SIGTERM);
        signals->async_wait([&](beast::error_code ec, int) {
            if (!ec) impl.control.stop();
        });
    }
    if (on_ready) on_ready();
    impl.control.run();

    impl.begin_shutdown();
    {
        std::unique_lock lock(mutex);
        if (!done.wait_for(lock, impl.options.limits.shutdown_grace, [&] { return running == 0; }))
            for (auto& w : impl.workers)
                w->ioc.stop();
    }
    for (auto& t : threads)
        t.join();
    if (impl.access_log) impl.access_log->flush();
}

}  // namespace dateline::http

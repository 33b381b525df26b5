// HTTP behaviour of the real server: HEAD, conditional GET, gzip, keep-alive,
// limits, timeouts, malformed requests and graceful shutdown.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "http/compression.h"
#include "http/response.h"
#include "support/http_client.h"
#include "support/server_process.h"

namespace dateline::testing {
namespace {

class HttpBehaviourTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = new TempDir();
        seed_test_site(dir_->path());
        server_ = new ServerProcess(dir_->path(), {},
                                    {{"DATELINE_SERVER_READ_TIMEOUT", "1"},
                                     {"DATELINE_SERVER_WRITE_TIMEOUT", "1"},
                                     {"DATELINE_SERVER_MAX_HEADER_BYTES", "4096"},
                                     {"DATELINE_SERVER_MAX_BODY_BYTES", "2048"}});
    }
    static void TearDownTestSuite() {
        delete server_;
        delete dir_;
    }
    static int port() { return server_->port(); }
    static TempDir* dir_;
    static ServerProcess* server_;
};
TempDir* HttpBehaviourTest::dir_ = nullptr;
ServerProcess* HttpBehaviourTest::server_ = nullptr;

TEST_F(HttpBehaviourTest, HeadSendsTheHeadersOfGetWithoutABody) {
    auto full = get(port(), "/");
    auto head = get(port(), "/", {}, "HEAD");
    EXPECT_EQ(head.status, 200);
    EXPECT_EQ(head.header("content-length"), full.header("content-length"));
    EXPECT_EQ(head.header("etag"), full.header("etag"));
    // Nothing follows the headers of a HEAD answer on a kept-alive connection.
    Connection c(port());
    c.send_raw("HEAD / HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    auto first = c.read_response(true);
    ASSERT_TRUE(first);
    auto second = c.read_response();
    ASSERT_TRUE(second);
    EXPECT_EQ(second->status, 200);
    EXPECT_EQ(second->body.rfind("{\"status\":\"ok\"", 0), 0u);
}

TEST_F(HttpBehaviourTest, ConditionalGetAnswers304) {
    auto r = get(port(), "/");
    std::string etag = r.header("etag");
    ASSERT_FALSE(etag.empty());
    EXPECT_FALSE(r.header("date").empty());
    auto again = get(port(), "/", {{"If-None-Match", etag}});
    EXPECT_EQ(again.status, 304);
    EXPECT_EQ(again.header("etag"), etag);
    EXPECT_TRUE(again.body.empty());
    auto listed = get(port(), "/", {{"If-None-Match", "\"other\", " + etag}});
    EXPECT_EQ(listed.status, 304);
    auto changed = get(port(), "/", {{"If-None-Match", "\"something-else\""}});
    EXPECT_EQ(changed.status, 200);
    // The gzip variant has its own tag, and it validates too.
    auto gz = get(port(), "/", {{"Accept-Encoding", "gzip"}});
    ASSERT_NE(gz.header("etag"), etag);
    auto gz304 =
        get(port(), "/", {{"Accept-Encoding", "gzip"}, {"If-None-Match", gz.header("etag")}});
    EXPECT_EQ(gz304.status, 304);
}

TEST_F(HttpBehaviourTest, GzipWhenAcceptedAndIdenticalWhenInflated) {
    auto plain = get(port(), "/");
    auto gz = get(port(), "/", {{"Accept-Encoding", "gzip, deflate, br"}});
    EXPECT_EQ(gz.header("content-encoding"), "gzip");
    EXPECT_EQ(gz.header("vary"), "Accept-Encoding");
    EXPECT_LT(gz.body.size(), plain.body.size() / 2);
    EXPECT_EQ(http::gzip_decompress(gz.body), plain.body);
    auto refused = get(port(), "/", {{"Accept-Encoding", "gzip;q=0"}});
    EXPECT_FALSE(refused.has_header("content-encoding"));
}

TEST(LargeBodyTest, LargePagesComeWholeFromTheirFileAndAHangUpIsSurvived) {
    // With generated stories the feed is large enough to be sent with
    // sendfile (BodyFile).
    TempDir dir;
    seed_test_site(dir.path(), 60);
    ServerProcess server(dir.path());
    int port = server.port();
    auto plain = get(port, "/feed.xml");
    ASSERT_EQ(plain.status, 200);
    ASSERT_GE(plain.body.size(), http::kBodyFileMinBytes);
    EXPECT_EQ(plain.header("content-length"), std::to_string(plain.body.size()));
    const std::string request = "GET /feed.xml HTTP/1.1\r\nHost: x\r\n\r\n";
    Connection c(port);
    c.send_raw(request + request + "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    for (int i = 0; i < 2; ++i) {
        auto r = c.read_response();
        ASSERT_TRUE(r) << "answer " << i;
        EXPECT_EQ(r->body, plain.body) << "answer " << i;
    }
    EXPECT_EQ(c.read_response()->status, 200);
    {
        // A reader that asks for many large pages and hangs up unread: the
        // server's writes fail mid-body, and it goes on serving.
        Connection rude(port);
        std::string many;
        for (int i = 0; i < 50; ++i)
            many += request;
        rude.send_raw(many);
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    EXPECT_EQ(get(port, "/healthz").status, 200);
    EXPECT_EQ(get(port, "/feed.xml").body, plain.body);
}

TEST_F(HttpBehaviourTest, KeepAliveServesManyRequestsOnOneConnection) {
    Connection c(port());
    for (int i = 0; i < 5; ++i) {
        c.send_raw("GET /about HTTP/1.1\r\nHost: x\r\n\r\n");
        auto r = c.read_response();
        ASSERT_TRUE(r) << "request " << i;
        EXPECT_EQ(r->status, 200);
    }
    // Pipelined requests are answered in order.
    c.send_raw("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /nope HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(c.read_response()->status, 200);
    EXPECT_EQ(c.read_response()->status, 404);
}

TEST_F(HttpBehaviourTest, ConnectionCloseAndHttp10AreHonoured) {
    Connection c(port());
    c.send_raw("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    auto r = c.read_response();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->header("connection"), "close");
    EXPECT_TRUE(c.closed_by_server(2000));

    Connection old(port());
    old.send_raw("GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    auto kept = old.read_response();
    ASSERT_TRUE(kept);
    EXPECT_EQ(kept->header("connection"), "keep-alive");
    old.send_raw("GET /healthz HTTP/1.0\r\n\r\n");
    EXPECT_TRUE(old.read_response());
    EXPECT_TRUE(old.closed_by_server(2000));
}

TEST_F(HttpBehaviourTest, MalformedRequestsGet400) {
    for (std::string bad :
         {"GARBAGE\r\n\r\n", "GET / HTTP/9.9\r\n\r\n", "GET / HTTP/1.1\r\nNo colon here\r\n\r\n",
          "GET noslash HTTP/1.1\r\nHost: x\r\n\r\n",
          "GET / HTTP/1.1\r\nContent-Length: abc\r\n\r\n"}) {
        Connection c(port());
        c.send_raw(bad);
        auto r = c.read_response();
        ASSERT_TRUE(r) << bad;
        EXPECT_EQ(r->status, 400) << bad;
        EXPECT_TRUE(c.closed_by_server(2000)) << bad;
    }
}

TEST_F(HttpBehaviourTest, OversizeHeaderGets431AndOversizeBodyGets413) {
    Connection c(port());
    c.send_raw("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(8000, 'a') + "\r\n\r\n");
    auto r = c.read_response();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 431);

    Connection b(port());
    b.send_raw("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10000\r\n\r\n" +
               std::string(10000, 'x'));
    auto big = b.read_response();
    ASSERT_TRUE(big);
    EXPECT_EQ(big->status, 413);
}

TEST_F(HttpBehaviourTest, OtherMethodsAreNotAllowedOnTheReaderSite) {
    Connection c(port());
    c.send_raw("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi");
    auto r = c.read_response();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 405);
    EXPECT_EQ(r->header("allow"), "GET, HEAD");
}

TEST_F(HttpBehaviourTest, SlowClientsAreDropped) {
    Connection c(port());
    c.send_raw("GET / HTTP/1.1\r\nHost: x\r\n");  // never finishes the request
    EXPECT_TRUE(c.closed_by_server(4000));
    // An idle kept-alive connection goes the same way.
    Connection idle(port());
    idle.send_raw("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    ASSERT_TRUE(idle.read_response());
    EXPECT_TRUE(idle.closed_by_server(4000));
}

// Pipelines `requests` GETs of the home page to a reader with a small socket
// buffer, takes nothing for `pause`, then reads to the end: how many whole
// answers arrived.
int answers_after_a_pause(int port, int requests, const std::string& encoding,
                          std::chrono::milliseconds pause) {
    Connection c(port, 4096);
    std::string all;
    for (int i = 0; i < requests; ++i)
        all += "GET / HTTP/1.1\r\nHost: x\r\nAccept-Encoding: " + encoding + "\r\n\r\n";
    c.send_raw(all);
    std::this_thread::sleep_for(pause);
    int answers = 0;
    while (auto r = c.read_response(false, 5000)) {
        if (r->status != 200) break;
        ++answers;
    }
    return answers;
}

TEST_F(HttpBehaviourTest, ReadersThatStopTakingTheAnswerAreDropped) {
    // Far more than the socket buffers hold: the server's write waits, and
    // after write_timeout (1 s here) the connection is closed. A reader that
    // keeps reading gets every answer. Identity pages this large go by
    // sendfile, gzip ones by a copy.
    using std::chrono::milliseconds;
    EXPECT_EQ(answers_after_a_pause(port(), 400, "identity", milliseconds(0)), 400);
    EXPECT_LT(answers_after_a_pause(port(), 400, "identity", milliseconds(3000)), 400);
    EXPECT_EQ(answers_after_a_pause(port(), 2000, "gzip", milliseconds(0)), 2000);
    EXPECT_LT(answers_after_a_pause(port(), 2000, "gzip", milliseconds(3000)), 2000);
}

TEST_F(HttpBehaviourTest, RequestsAreWrittenToTheAccessLog) {
    get(port(), "/about?from=access-log-test");
    std::string log;
    for (int i = 0; i < 50 && log.find("access-log-test") == std::string::npos; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        std::ifstream in(dir_->path() / "access.log");
        std::stringstream ss;
        ss << in.rdbuf();
        log = ss.str();
    }
    EXPECT_NE(log.find("\"GET /about?from=access-log-test HTTP/1.1\" 200"), std::string::npos)
        << log;
}

TEST(ServerLifecycleTest, SigtermFinishesGracefullyWithExitZero) {
    TempDir dir;
    seed_test_site(dir.path());
    ServerProcess server(dir.path());
    Connection idle(server.port());
    idle.send_raw("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    ASSERT_TRUE(idle.read_response());
    EXPECT_EQ(server.stop(SIGTERM), 0);
    EXPECT_TRUE(idle.closed_by_server(1000));
}

TEST(ServerLifecycleTest, SigintAlsoStopsTheServer) {
    TempDir dir;
    seed_test_site(dir.path());
    ServerProcess server(dir.path());
    EXPECT_EQ(get(server.port(), "/healthz").status, 200);
    EXPECT_EQ(server.stop(SIGINT), 0);
}

}  // namespace
}  // namespace dateline::testing

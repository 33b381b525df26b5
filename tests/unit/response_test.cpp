#include "http/response.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <string>

#include "http/compression.h"

namespace dateline::http {
namespace {

using namespace std::chrono_literals;

constexpr Timestamp kModified{std::chrono::seconds{1679485604}};  // Wed, 22 Mar 2023 11:46:44

std::string html_body(int paragraphs = 100) {
    std::string out = "<!doctype html><title>Budget</title>";
    for (int i = 0; i < paragraphs; ++i)
        out += "<p>The finance minister presented the budget, paragraph " + std::to_string(i) +
               ".</p>\n";
    return out;
}

Response page(std::string body = html_body()) {
    Response r;
    r.body = std::move(body);
    r.cache_control = "public, max-age=60";
    return r;
}

// The value of a header in a header block, or "" when absent.
std::string header_value(std::string_view block, std::string_view name) {
    std::string needle = "\r\n" + std::string(name) + ": ";
    std::string with_start = "\r\n" + std::string(block);
    size_t at = with_start.find(needle);
    if (at == std::string::npos) return "";
    size_t start = at + needle.size();
    size_t end = with_start.find("\r\n", start);
    return with_start.substr(start, end - start);
}

std::string body_of(const Variant& v) {
    return v.bytes.substr(v.header_size);
}

TEST(Prepare, LargeBodiesAreAlsoInASealedFileAndSmallOnesAreNot) {
    auto large = prepare(page(html_body(1000)));
    ASSERT_GE(large->body_size(), kBodyFileMinBytes);
    ASSERT_TRUE(large->identity.body_file);
    const BodyFile& file = *large->identity.body_file;
    EXPECT_EQ(file.size(), large->body_size());
    std::string read_back(file.size(), '\0');
    ASSERT_EQ(::pread(file.fd(), read_back.data(), read_back.size(), 0),
              static_cast<ssize_t>(read_back.size()));
    EXPECT_EQ(read_back, large->identity.bytes.substr(large->identity.header_size));
    EXPECT_LT(::pwrite(file.fd(), "x", 1, 0), 0);  // sealed
    EXPECT_FALSE(prepare(page(html_body(3)))->identity.body_file);
}

TEST(Prepare, StatusLineIsSeparateFromTheVariants) {
    auto p = prepare(page());
    EXPECT_EQ(p->status, 200);
    EXPECT_EQ(p->status_line, "HTTP/1.1 200 OK\r\n");
    EXPECT_EQ(p->identity.bytes.find("HTTP/1.1"), std::string::npos);
    EXPECT_EQ(prepare(Response::text(404, "gone"))->status_line, "HTTP/1.1 404 Not Found\r\n");
}

TEST(Prepare, IdentityVariantHasHeadersBlankLineAndBody) {
    std::string body = html_body();
    auto p = prepare(page(body));
    std::string_view head = p->identity.header();
    ASSERT_GE(head.size(), 4u);
    EXPECT_EQ(head.substr(head.size() - 4), "\r\n\r\n");
    EXPECT_EQ(body_of(p->identity), body);
    EXPECT_EQ(p->body_size(), body.size());
    EXPECT_EQ(header_value(head, "Content-Length"), std::to_string(body.size()));
    EXPECT_EQ(header_value(head, "Content-Type"), "text/html; charset=utf-8");
    EXPECT_EQ(header_value(head, "Cache-Control"), "public, max-age=60");
    EXPECT_EQ(header_value(head, "Content-Encoding"), "");
    EXPECT_EQ(header_value(head, "Server"), "Dateline");
}

TEST(Prepare, EmptyCacheControlMeansNoCache) {
    Response r;
    r.body = "x";
    auto p = prepare(r);
    EXPECT_EQ(header_value(p->identity.header(), "Cache-Control"), "no-cache");
}

TEST(Prepare, EtagIsQuotedPresentAndStableForTheSameBody) {
    auto a = prepare(page());
    auto b = prepare(page());
    ASSERT_GE(a->etag.size(), 3u);
    EXPECT_EQ(a->etag.front(), '"');
    EXPECT_EQ(a->etag.back(), '"');
    EXPECT_EQ(a->etag, b->etag);
    EXPECT_EQ(header_value(a->identity.header(), "ETag"), a->etag);
    EXPECT_NE(prepare(page(html_body(99)))->etag, a->etag);
}

TEST(Prepare, GivenEtagIsKept) {
    Response r = page();
    r.etag = "\"v42\"";
    auto p = prepare(r);
    EXPECT_EQ(p->etag, "\"v42\"");
    EXPECT_EQ(header_value(p->identity.header(), "ETag"), "\"v42\"");
    EXPECT_EQ(header_value(p->gzip.header(), "ETag"), "\"v42-gz\"");
}

TEST(Prepare, GzipVariantDecompressesToTheIdentityBody) {
    std::string body = html_body();
    auto p = prepare(page(body));
    ASSERT_FALSE(p->gzip.empty());
    std::string_view head = p->gzip.header();
    EXPECT_EQ(header_value(head, "Content-Encoding"), "gzip");
    std::string packed = body_of(p->gzip);
    EXPECT_EQ(header_value(head, "Content-Length"), std::to_string(packed.size()));
    EXPECT_LT(packed.size(), body.size());
    EXPECT_EQ(gzip_decompress(packed), body);
    EXPECT_EQ(header_value(head, "Content-Type"), "text/html; charset=utf-8");
}

TEST(Prepare, GzipVariantHasItsOwnEtagWithGzInsideTheQuotes) {
    auto p = prepare(page());
    ASSERT_FALSE(p->gzip.empty());
    std::string gz = header_value(p->gzip.header(), "ETag");
    std::string expected = p->etag.substr(0, p->etag.size() - 1) + "-gz\"";
    EXPECT_EQ(gz, expected);
    EXPECT_NE(gz, p->etag);
}

TEST(Prepare, BothVariantsVaryOnAcceptEncoding) {
    auto p = prepare(page());
    EXPECT_EQ(header_value(p->identity.header(), "Vary"), "Accept-Encoding");
    EXPECT_EQ(header_value(p->gzip.header(), "Vary"), "Accept-Encoding");
    EXPECT_EQ(header_value(p->not_modified.header(), "Vary"), "Accept-Encoding");
}

TEST(Prepare, NoGzipForSmallOrBinaryBodiesOrWhenNotAsked) {
    auto small = prepare(page("<p>short</p>"));
    EXPECT_TRUE(small->gzip.empty());
    EXPECT_EQ(header_value(small->identity.header(), "Vary"), "");

    Response jpeg = page(std::string(5000, 'x'));
    jpeg.content_type = "image/jpeg";
    EXPECT_TRUE(prepare(jpeg)->gzip.empty());

    EXPECT_TRUE(prepare(page(), /*compress=*/false)->gzip.empty());
}

TEST(Prepare, NotModifiedVariantHasValidatorsButNoBody) {
    Response r = page();
    r.last_modified = kModified;
    r.headers.emplace_back("X-Extra", "1");
    auto p = prepare(r);
    ASSERT_FALSE(p->not_modified.empty());
    std::string_view head = p->not_modified.header();
    EXPECT_EQ(p->not_modified.bytes.size(), p->not_modified.header_size);  // no body
    EXPECT_EQ(header_value(head, "ETag"), p->etag);
    EXPECT_EQ(header_value(head, "Last-Modified"), "Wed, 22 Mar 2023 11:46:44 GMT");
    EXPECT_EQ(header_value(head, "Content-Length"), "");
    EXPECT_EQ(header_value(head, "Content-Type"), "");
    EXPECT_EQ(header_value(head, "Cache-Control"), "public, max-age=60");
    EXPECT_EQ(header_value(p->identity.header(), "X-Extra"), "1");

    ASSERT_FALSE(p->not_modified_gzip.empty());
    EXPECT_EQ(header_value(p->not_modified_gzip.header(), "ETag"),
              header_value(p->gzip.header(), "ETag"));
}

TEST(Prepare, Non200ResponsesGetNoNotModifiedVariantOrEtag) {
    for (int status : {201, 301, 404, 410, 500}) {
        Response r = page();
        r.status = status;
        r.last_modified = kModified;
        auto p = prepare(r);
        EXPECT_TRUE(p->not_modified.empty()) << status;
        EXPECT_TRUE(p->not_modified_gzip.empty()) << status;
        EXPECT_TRUE(p->gzip.empty()) << status;
        EXPECT_TRUE(p->etag.empty()) << status;
        EXPECT_FALSE(is_not_modified(*p, "*", "")) << status;
        EXPECT_FALSE(is_not_modified(*p, "", "Wed, 22 Mar 2023 11:46:44 GMT")) << status;
    }
}

TEST(Prepare, NoContentAndNotModifiedStatusesHaveNoContentLength) {
    Response r;
    r.status = 204;
    auto p = prepare(r);
    EXPECT_EQ(p->status_line, "HTTP/1.1 204 No Content\r\n");
    EXPECT_EQ(header_value(p->identity.header(), "Content-Length"), "");
}

TEST(Prepare, ExtraHeadersAppearInEveryBodyVariant) {
    Response r = page();
    r.headers.emplace_back("Surrogate-Key", "story:42 section:world");
    auto p = prepare(r);
    EXPECT_EQ(header_value(p->identity.header(), "Surrogate-Key"), "story:42 section:world");
    EXPECT_EQ(header_value(p->gzip.header(), "Surrogate-Key"), "story:42 section:world");
}

TEST(IsNotModified, MatchingEtag) {
    auto p = prepare(page());
    EXPECT_TRUE(is_not_modified(*p, p->etag, ""));
    EXPECT_TRUE(is_not_modified(*p, "\"other\", " + p->etag, ""));
    EXPECT_TRUE(is_not_modified(*p, "  " + p->etag + "  ", ""));
}

TEST(IsNotModified, NonMatchingEtag) {
    auto p = prepare(page());
    EXPECT_FALSE(is_not_modified(*p, "\"0000000000000000\"", ""));
    EXPECT_FALSE(is_not_modified(*p, "\"a\", \"b\"", ""));
    // The bare value without quotes is a different tag.
    EXPECT_FALSE(is_not_modified(*p, p->etag.substr(1, p->etag.size() - 2), ""));
}

TEST(IsNotModified, WeakComparisonAcceptsWeakTags) {
    auto p = prepare(page());
    EXPECT_TRUE(is_not_modified(*p, "W/" + p->etag, ""));
}

TEST(IsNotModified, StarMatchesAnyRepresentation) {
    auto p = prepare(page());
    EXPECT_TRUE(is_not_modified(*p, "*", ""));
}

TEST(IsNotModified, GzipVariantEtagMatches) {
    auto p = prepare(page());
    std::string gz = header_value(p->gzip.header(), "ETag");
    EXPECT_TRUE(is_not_modified(*p, gz, ""));
    EXPECT_TRUE(is_not_modified(*p, "W/" + gz, ""));
    // "-gz" on a different value does not match.
    EXPECT_FALSE(is_not_modified(*p, "\"ffffffffffffffff-gz\"", ""));
}

TEST(IsNotModified, IfModifiedSince) {
    Response r = page();
    r.last_modified = kModified;
    auto p = prepare(r);
    EXPECT_TRUE(is_not_modified(*p, "", "Wed, 22 Mar 2023 11:46:44 GMT"));
    EXPECT_TRUE(is_not_modified(*p, "", "Thu, 23 Mar 2023 00:00:00 GMT"));
    EXPECT_FALSE(is_not_modified(*p, "", "Wed, 22 Mar 2023 11:46:43 GMT"));
    EXPECT_FALSE(is_not_modified(*p, "", "not a date"));
    EXPECT_FALSE(is_not_modified(*p, "", ""));
}

TEST(IsNotModified, IfNoneMatchWinsOverIfModifiedSince) {
    Response r = page();
    r.last_modified = kModified;
    auto p = prepare(r);
    EXPECT_FALSE(is_not_modified(*p, "\"stale\"", "Thu, 23 Mar 2023 00:00:00 GMT"));
    EXPECT_TRUE(is_not_modified(*p, p->etag, "Tue, 21 Mar 2023 00:00:00 GMT"));
}

TEST(IsNotModified, WithoutLastModifiedTheDateIsIgnored) {
    auto p = prepare(page());
    EXPECT_FALSE(is_not_modified(*p, "", "Thu, 23 Mar 2023 00:00:00 GMT"));
}

TEST(ResponseHelpers, RedirectSetsLocationAndCaching) {
    Response permanent = Response::redirect(301, "/world/budget-vote-42");
    EXPECT_EQ(permanent.status, 301);
    ASSERT_EQ(permanent.headers.size(), 1u);
    EXPECT_EQ(permanent.headers[0].first, "Location");
    EXPECT_EQ(permanent.headers[0].second, "/world/budget-vote-42");
    auto p = prepare(permanent);
    EXPECT_EQ(p->status_line, "HTTP/1.1 301 Moved Permanently\r\n");
    EXPECT_EQ(header_value(p->identity.header(), "Location"), "/world/budget-vote-42");
    EXPECT_EQ(header_value(p->identity.header(), "Cache-Control"), "public, max-age=3600");

    auto temporary = prepare(Response::redirect(302, "/elsewhere"));
    EXPECT_EQ(temporary->status_line, "HTTP/1.1 302 Found\r\n");
    EXPECT_EQ(header_value(temporary->identity.header(), "Location"), "/elsewhere");
    EXPECT_EQ(header_value(temporary->identity.header(), "Cache-Control"), "no-cache");
}

TEST(ResponseHelpers, TextIsPlainAndNotStored) {
    Response r = Response::text(503, "busy\n");
    EXPECT_EQ(r.status, 503);
    EXPECT_EQ(r.body, "busy\n");
    EXPECT_EQ(r.content_type, "text/plain; charset=utf-8");
    EXPECT_EQ(r.cache_control, "no-store");
}

TEST(ReasonPhrase, KnownAndUnknown) {
    EXPECT_STREQ(reason_phrase(200), "OK");
    EXPECT_STREQ(reason_phrase(304), "Not Modified");
    EXPECT_STREQ(reason_phrase(308), "Permanent Redirect");
    EXPECT_STREQ(reason_phrase(410), "Gone");
    EXPECT_STREQ(reason_phrase(431), "Request Header Fields Too Large");
    EXPECT_STREQ(reason_phrase(599), "Unknown");
}

}  // namespace
}  // namespace dateline::http

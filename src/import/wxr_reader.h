// A WordPress eXtended RSS (WXR) export read as a stream: the file WordPress
// writes under Tools > Export (versions 1.0 to 1.2). Memory stays bounded by
// the largest item, whatever the size of the file (docs/import.md).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "util/status.h"

namespace dateline {

// Limits, set where the export is parsed.
constexpr size_t kMaxWxrFieldBytes = 4 * 1024 * 1024;  // one field of an item (a body)
constexpr size_t kMaxWxrTermsPerItem = 1000;
constexpr size_t kMaxWxrMetaPerItem = 1000;

// The channel's own fields, read before any author, term or item.
struct WxrSite {
    std::string wxr_version;    // "1.2"
    std::string title;          // the site's title
    std::string link;           // the site's address, "https://old.example"
    std::string base_blog_url;  // the blog's address (WordPress.com and multisite)
    std::string language;
};

struct WxrAuthor {
    std::string login;
    std::string email;
    std::string display_name;
    std::string first_name;
    std::string last_name;
};

// A category or a tag declared in the channel.
struct WxrTerm {
    enum class Taxonomy { category, tag };
    Taxonomy taxonomy = Taxonomy::category;
    std::string slug;  // WordPress's nicename, may be percent-encoded
    std::string name;
    std::string parent_slug;  // categories only; empty at the top
    std::string description;
};

// A category, tag or post format an item is filed under.
struct WxrItemTerm {
    std::string domain;  // "category", "post_tag", "post_format", ...
    std::string slug;
    std::string name;
};

// One item: a post, a page, an attachment, a menu item, ...
struct WxrItem {
    int64_t post_id = 0;
    std::string type;    // wp:post_type: "post", "page", "attachment", ...
    std::string status;  // wp:status: "publish", "draft", "future", "pending", "private", ...
    std::string title;
    std::string link;     // its permalink on the old site
    std::string creator;  // the author's login (dc:creator)
    std::string content;  // the body, HTML in WordPress's autop convention
    std::string excerpt;
    std::string pub_date;       // RFC 822, from the RSS pubDate
    std::string post_date;      // "2010-10-05 00:27:25", the site's local time
    std::string post_date_gmt;  // "2010-10-05 07:27:25", or "0000-00-00 00:00:00" for drafts
    std::string modified_gmt;   // wp:post_modified_gmt (newer exports), may be empty
    std::string post_name;      // the slug, may be percent-encoded
    std::string password;       // non-empty for a password-protected post
    std::string attachment_url;
    int64_t parent = 0;
    bool sticky = false;
    std::vector<WxrItemTerm> terms;
    std::vector<std::pair<std::string, std::string>> meta;  // wp:postmeta key, value
    int line = 0;                                           // where the item starts in the file
};

// What read_wxr() hands its caller, in file order. A visitor's error stops
// the reading and is returned by read_wxr().
class WxrVisitor {
  public:
    virtual ~WxrVisitor() = default;
    virtual Status site(const WxrSite& site) = 0;  // once, before everything else
    virtual Status author(const WxrAuthor& author) = 0;
    virtual Status term(const WxrTerm& term) = 0;
    virtual Status item(WxrItem&& item) = 0;
};

// Reads the export at path. invalid (field "file"), with the line, when the
// file is not well-formed XML, is not a WXR export (no rss/channel, or an
// author, term or item before wp:wxr_version), has an unsupported version
// or a field past the limits above; io when it cannot be read. External
// entities and the network are never used.
Status read_wxr(const std::filesystem::path& path, WxrVisitor& visitor);

}  // namespace dateline

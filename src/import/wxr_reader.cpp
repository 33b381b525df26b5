#include "import/wxr_reader.h"

#include <libxml/xmlreader.h>

#include <cstring>
#include <memory>
#include <string_view>
#include <system_error>

#include "util/strings.h"

namespace dateline {

namespace {

// The XML namespaces of a WXR file, whatever prefixes it gives them.
enum class Ns { rss, wp, content, excerpt, dc, other };

Ns classify(const xmlChar* uri) {
    if (!uri) return Ns::rss;
    std::string_view u(reinterpret_cast<const char*>(uri));
    // WordPress has written both http:// and https:// for 1.0 to 1.2.
    if (u.find("wordpress.org/export/") != std::string_view::npos)
        return u.ends_with("/excerpt/") ? Ns::excerpt : Ns::wp;
    if (u == "http://purl.org/rss/1.0/modules/content/") return Ns::content;
    if (u == "http://purl.org/dc/elements/1.1/") return Ns::dc;
    return Ns::other;
}

struct FreeReader {
    void operator()(xmlTextReaderPtr r) const { xmlFreeTextReader(r); }
};

// The reader and the first error libxml2 reported through it.
class Reader {
  public:
    explicit Reader(const std::filesystem::path& path)
        : reader_(xmlReaderForFile(path.c_str(), nullptr,
                                   XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_COMPACT)) {
        if (reader_) xmlTextReaderSetStructuredErrorHandler(reader_.get(), &Reader::on_error, this);
    }
    bool opened() const { return reader_ != nullptr; }

    // Moves to the next node: true on one, false at the end of the file or
    // on an error (then failed() says so).
    bool read() {
        int rc = xmlTextReaderRead(reader_.get());
        if (rc == 1) return true;
        if (rc < 0 && error_.empty()) error_ = "the XML could not be read";
        return false;
    }
    bool failed() const { return !error_.empty(); }
    Error error() const {
        return Error::invalid("file", "not a readable WordPress export: " + error_);
    }
    Error invalid(const std::string& message) const {
        return Error::invalid("file", "line " + std::to_string(line()) + ": " + message);
    }

    int type() const { return xmlTextReaderNodeType(reader_.get()); }
    int depth() const { return xmlTextReaderDepth(reader_.get()); }
    bool empty_element() const { return xmlTextReaderIsEmptyElement(reader_.get()) == 1; }
    int line() const { return xmlTextReaderGetParserLineNumber(reader_.get()); }
    Ns ns() const { return classify(xmlTextReaderConstNamespaceUri(reader_.get())); }
    std::string_view name() const {
        const xmlChar* n = xmlTextReaderConstLocalName(reader_.get());
        return n ? std::string_view(reinterpret_cast<const char*>(n)) : std::string_view();
    }
    bool is(Ns want, std::string_view local) const { return ns() == want && name() == local; }
    std::string attribute(const char* attr) const {
        xmlChar* v = xmlTextReaderGetAttribute(reader_.get(), BAD_CAST attr);
        std::string out = v ? reinterpret_cast<const char*>(v) : "";
        xmlFree(v);
        return out;
    }

    // The text of the element the reader is on (its text and CDATA, nested
    // elements' text too), leaving the reader on the element's end.
    Result<std::string> text() {
        std::string out;
        if (empty_element()) return out;
        int start = depth();
        std::string field(name());
        while (read()) {
            int t = type();
            if (t == XML_READER_TYPE_TEXT || t == XML_READER_TYPE_CDATA ||
                t == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || t == XML_READER_TYPE_WHITESPACE) {
                const xmlChar* v = xmlTextReaderConstValue(reader_.get());
                if (v) out += reinterpret_cast<const char*>(v);
                if (out.size() > kMaxWxrFieldBytes)
                    return invalid("<" + field + "> is longer than " +
                                   std::to_string(kMaxWxrFieldBytes / (1024 * 1024)) + " MB");
            } else if (t == XML_READER_TYPE_END_ELEMENT && depth() == start) {
                return out;
            }
        }
        return failed() ? error() : invalid("the file ends inside <" + field + ">");
    }

    // Steps over the element the reader is on, children and all.
    Status skip() {
        if (empty_element()) return {};
        int start = depth();
        while (read())
            if (type() == XML_READER_TYPE_END_ELEMENT && depth() == start) return {};
        return failed() ? Status(error()) : Status(invalid("the file ends inside an element"));
    }

    // Calls child() on each child element of the element the reader is on,
    // with the reader on it; child() must leave the reader on that child's
    // end (text() and skip() do).
    template <class Child>
    Status children(Child&& child) {
        if (empty_element()) return {};
        int start = depth();
        while (read()) {
            int t = type();
            if (t == XML_READER_TYPE_ELEMENT && depth() == start + 1) {
                if (auto st = child(); !st) return st;
            } else if (t == XML_READER_TYPE_END_ELEMENT && depth() == start) {
                return {};
            }
        }
        return failed() ? Status(error()) : Status(invalid("the file ends inside an element"));
    }

  private:
    static void on_error(void* self, xmlErrorPtr e) {
        auto* reader = static_cast<Reader*>(self);
        if (!e || !reader->error_.empty() || e->level < XML_ERR_ERROR) return;
        std::string message = e->message ? e->message : "malformed XML";
        while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
            message.pop_back();
        reader->error_ = "line " + std::to_string(e->line) + ": " + message;
    }

    std::unique_ptr<xmlTextReader, FreeReader> reader_;
    std::string error_;
};

// Reads one text field into out.
Status into(Reader& r, std::string& out) {
    auto t = r.text();
    if (!t) return t.error();
    out = std::move(*t);
    return {};
}

int64_t to_id(std::string_view text) {
    return parse_int(trim(text)).value_or(0);
}

Status read_author(Reader& r, WxrAuthor& a) {
    return r.children([&]() -> Status {
        if (r.ns() != Ns::wp) return r.skip();
        auto n = r.name();
        if (n == "author_login") return into(r, a.login);
        if (n == "author_email") return into(r, a.email);
        if (n == "author_display_name") return into(r, a.display_name);
        if (n == "author_first_name") return into(r, a.first_name);
        if (n == "author_last_name") return into(r, a.last_name);
        return r.skip();
    });
}

// <wp:category> and <wp:tag> of every version, and WXR 1.2's <wp:term>.
Status read_term(Reader& r, WxrTerm& t, bool& keep) {
    std::string taxonomy;
    auto st = r.children([&]() -> Status {
        if (r.ns() != Ns::wp) return r.skip();
        auto n = r.name();
        if (n == "category_nicename" || n == "tag_slug" || n == "term_slug") return into(r, t.slug);
        if (n == "cat_name" || n == "tag_name" || n == "term_name") return into(r, t.name);
        if (n == "category_parent" || n == "term_parent") return into(r, t.parent_slug);
        if (n == "category_description" || n == "tag_description" || n == "term_description")
            return into(r, t.description);
        if (n == "term_taxonomy") return into(r, taxonomy);
        return r.skip();
    });
    if (!st) return st;
    if (!taxonomy.empty()) {
        keep = taxonomy == "category" || taxonomy == "post_tag";
        t.taxonomy = taxonomy == "category" ? WxrTerm::Taxonomy::category : WxrTerm::Taxonomy::tag;
    }
    t.slug = std::string(trim(t.slug));
    t.parent_slug = std::string(trim(t.parent_slug));
    return {};
}

Status read_item(Reader& r, WxrItem& item) {
    item.line = r.line();
    std::string id, parent, sticky;
    return r.children([&]() -> Status {
        auto ns = r.ns();
        auto n = r.name();
        if (ns == Ns::rss) {
            if (n == "title") return into(r, item.title);
            if (n == "link") return into(r, item.link);
            if (n == "pubDate") return into(r, item.pub_date);
            if (n == "category") {
                if (item.terms.size() >= kMaxWxrTermsPerItem)
                    return r.invalid("an item is filed under more than " +
                                     std::to_string(kMaxWxrTermsPerItem) + " terms");
                WxrItemTerm term{r.attribute("domain"), r.attribute("nicename"), {}};
                if (auto st = into(r, term.name); !st) return st;
                item.terms.push_back(std::move(term));
                return {};
            }
            return r.skip();
        }
        if (ns == Ns::dc && n == "creator") return into(r, item.creator);
        if (ns == Ns::content && n == "encoded") return into(r, item.content);
        if (ns == Ns::excerpt && n == "encoded") return into(r, item.excerpt);
        if (ns != Ns::wp) return r.skip();
        if (n == "post_id") {
            auto st = into(r, id);
            item.post_id = to_id(id);
            return st;
        }
        if (n == "post_type") return into(r, item.type);
        if (n == "status") return into(r, item.status);
        if (n == "post_date") return into(r, item.post_date);
        if (n == "post_date_gmt") return into(r, item.post_date_gmt);
        if (n == "post_modified_gmt") return into(r, item.modified_gmt);
        if (n == "post_name") return into(r, item.post_name);
        if (n == "post_password") return into(r, item.password);
        if (n == "attachment_url") return into(r, item.attachment_url);
        if (n == "post_parent") {
            auto st = into(r, parent);
            item.parent = to_id(parent);
            return st;
        }
        if (n == "is_sticky") {
            auto st = into(r, sticky);
            item.sticky = trim(sticky) == "1";
            return st;
        }
        if (n == "postmeta") {
            if (item.meta.size() >= kMaxWxrMetaPerItem)
                return r.invalid("an item has more than " + std::to_string(kMaxWxrMetaPerItem) +
                                 " meta fields");
            std::pair<std::string, std::string> kv;
            auto st = r.children([&]() -> Status {
                if (r.is(Ns::wp, "meta_key")) return into(r, kv.first);
                if (r.is(Ns::wp, "meta_value")) return into(r, kv.second);
                return r.skip();
            });
            if (st) item.meta.push_back(std::move(kv));
            return st;
        }
        return r.skip();  // comments and whatever else a plugin added
    });
}

bool supported_version(std::string_view v) {
    return v == "1.0" || v == "1.1" || v == "1.2";
}

}  // namespace

Status read_wxr(const std::filesystem::path& path, WxrVisitor& visitor) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        return Error::io("cannot read " + path.string() + ": not a file");
    Reader r(path);
    if (!r.opened()) return Error::io("cannot read " + path.string());

    WxrSite site;
    bool site_told = false;
    // Everything after the channel's own fields needs to know it is WXR.
    auto tell_site = [&]() -> Status {
        if (site_told) return {};
        if (site.wxr_version.empty())
            return r.invalid(
                "not a WordPress export: no <wp:wxr_version> before the first author, term or "
                "item");
        if (!supported_version(site.wxr_version))
            return r.invalid("WXR version " + site.wxr_version +
                             " is not supported (1.0, 1.1 and 1.2 are)");
        site_told = true;
        return visitor.site(site);
    };

    bool root_seen = false, channel_seen = false;
    while (r.read()) {
        if (r.type() != XML_READER_TYPE_ELEMENT) continue;
        int depth = r.depth();
        if (depth == 0) {
            if (!r.is(Ns::rss, "rss"))
                return r.invalid("not a WordPress export: the document is <" +
                                 std::string(r.name()) + ">, not <rss>");
            root_seen = true;
            continue;
        }
        if (depth == 1) {
            if (!r.is(Ns::rss, "channel")) {
                if (auto st = r.skip(); !st) return st;
                continue;
            }
            channel_seen = true;
            continue;
        }
        if (depth != 2) continue;  // inside an element the loop does not read
        Ns ns = r.ns();
        auto n = r.name();
        Status st;
        if (ns == Ns::rss && n == "title") {
            st = into(r, site.title);
        } else if (ns == Ns::rss && n == "link") {
            st = into(r, site.link);
        } else if (ns == Ns::rss && n == "language") {
            st = into(r, site.language);
        } else if (ns == Ns::wp && n == "wxr_version") {
            st = into(r, site.wxr_version);
            site.wxr_version = std::string(trim(site.wxr_version));
        } else if (ns == Ns::wp && n == "base_blog_url") {
            st = into(r, site.base_blog_url);
        } else if (ns == Ns::wp && n == "author") {
            WxrAuthor author;
            if (st = tell_site(); st) st = read_author(r, author);
            if (st) st = visitor.author(author);
        } else if (ns == Ns::wp && (n == "category" || n == "tag" || n == "term")) {
            WxrTerm term;
            term.taxonomy = n == "tag" ? WxrTerm::Taxonomy::tag : WxrTerm::Taxonomy::category;
            bool keep = n != "term";  // a <wp:term> of another taxonomy (nav_menu) is left out
            if (st = tell_site(); st) st = read_term(r, term, keep);
            if (st && keep) st = visitor.term(term);
        } else if (ns == Ns::rss && n == "item") {
            WxrItem item;
            if (st = tell_site(); st) st = read_item(r, item);
            if (st) st = visitor.item(std::move(item));
        } else {
            st = r.skip();
        }
        if (!st) return st;
    }
    if (r.failed()) return r.error();
    if (!root_seen || !channel_seen)
        return Error::invalid("file", "not a WordPress export: no <rss><channel>");
    return tell_site();
}

}  // namespace dateline

#include "content/derive.h"

#include <set>

#include "content/body.h"
#include "content/url.h"
#include "model/editorial.h"
#include "model/slug.h"
#include "util/strings.h"

namespace dateline {

namespace {

constexpr std::string_view kBlockElements[] = {
    "p",  "h1",         "h2", "h3",      "h4",      "h5",         "h6",  "li",    "dt",
    "dd", "blockquote", "tr", "pre",     "figure",  "figcaption", "div", "aside", "table",
    "ul", "ol",         "dl", "caption", "details", "summary",    "hr"};

bool is_block(std::string_view name) {
    for (auto b : kBlockElements)
        if (b == name) return true;
    return false;
}

// Chrome that is not the story's prose.
bool is_chrome(const HtmlNode& node) {
    return (node.is_element("figure") && node.has_class("embed")) ||
           (node.is_element("aside") && node.has_class("related"));
}

class TextWriter {
  public:
    void node(const HtmlNode& n) {
        if (n.kind == HtmlNode::Kind::text) {
            for (char c : n.text) {
                bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
                if (space) {
                    pending_space_ = !line_empty();
                    continue;
                }
                if (pending_break_) {
                    if (!out_.empty()) out_ += '\n';
                    pending_break_ = false;
                } else if (pending_space_) {
                    out_ += ' ';
                }
                pending_space_ = false;
                out_ += c;
            }
            return;
        }
        if (is_chrome(n)) return;
        if (n.name == "br") {
            pending_break_ = true;
            return;
        }
        bool block = is_block(n.name);
        if (block) pending_break_ = true;
        for (const auto& child : n.children)
            node(child);
        if (block) pending_break_ = true;
        // Cells of a row read as one line, apart.
        if (n.name == "td" || n.name == "th") pending_space_ = true;
    }
    std::string take() {
        if (!out_.empty()) out_ += '\n';
        return std::move(out_);
    }

  private:
    bool line_empty() const { return out_.empty() || out_.back() == '\n' || pending_break_; }
    std::string out_;
    bool pending_break_ = false;
    bool pending_space_ = false;
};

std::string text_of(const HtmlNode& node) {
    TextWriter w;
    w.node(node);
    std::string t = w.take();
    while (!t.empty() && t.back() == '\n')
        t.pop_back();
    return t;
}

std::optional<std::string> internal_path(const std::string& href, const std::string& site) {
    if (starts_with(href, "/") && !starts_with(href, "//")) return href;
    if (site.empty()) return std::nullopt;
    auto link = parse_http_url(href);
    auto own = parse_http_url(site);
    if (!link || !own || link->host != own->host) return std::nullopt;
    std::string path = link->path;
    if (!link->query.empty()) path += "?" + link->query;
    if (!link->fragment.empty()) path += "#" + link->fragment;
    return path;
}

void rewrite_links(HtmlNode& node, const ContentContext& context, const std::string& site,
                   std::vector<int64_t>& linked) {
    if (node.kind != HtmlNode::Kind::element) return;
    if (node.name == "a") {
        if (const std::string* href = node.attribute("href")) {
            if (auto path = internal_path(*href, site)) {
                std::string_view p = *path;
                std::string fragment;
                if (size_t hash = p.find('#'); hash != std::string_view::npos) {
                    fragment = std::string(p.substr(hash));
                    p = p.substr(0, hash);
                }
                if (size_t q = p.find('?'); q != std::string_view::npos) p = p.substr(0, q);
                while (p.size() > 1 && p.back() == '/')
                    p.remove_suffix(1);
                std::string_view segment = p.substr(p.rfind('/') + 1);
                if (auto id = story_id_from_segment(segment)) {
                    if (auto story = context.story(*id)) {
                        node.set_attribute("href", story->url + fragment);
                        linked.push_back(*id);
                    }
                }
            }
        }
    }
    for (auto& child : node.children)
        rewrite_links(child, context, site, linked);
}

}  // namespace

int reading_minutes(int word_count) {
    if (word_count <= 0) return 0;
    return std::max(1, (word_count + kWordsPerMinute / 2) / kWordsPerMinute);
}

DerivedFacts derive_facts(HtmlNodes& nodes, const ContentContext* context) {
    DerivedFacts facts;
    std::set<std::string> used_ids;
    std::string lead;  // text of the first top-level paragraphs, for the excerpt
    TextWriter all;
    for (auto& node : nodes) {
        if (node.kind == HtmlNode::Kind::element && node.name.size() == 2 && node.name[0] == 'h' &&
            node.name[1] >= '2' && node.name[1] <= '6') {
            Heading h;
            h.level = node.name[1] - '0';
            h.text = text_of(node);
            std::string base = slugify(h.text);
            std::string id = base;
            for (int n = 2; used_ids.count(id); ++n)
                id = base + "-" + std::to_string(n);
            used_ids.insert(id);
            h.id = id;
            node.set_attribute("id", id);
            facts.headings.push_back(std::move(h));
        }
        if (node.is_element("p") && lead.size() < kExcerptChars * 2) {
            if (!lead.empty()) lead += ' ';
            lead += text_of(node);
        }
        if (context) {
            rewrite_links(node, *context, context->site_url(), facts.linked_story_ids);
        }
        all.node(node);
    }
    facts.text = all.take();
    if (facts.text == "\n") facts.text.clear();
    facts.excerpt = excerpt(lead, kExcerptChars);
    facts.word_count = count_words(facts.text);
    facts.reading_minutes = reading_minutes(facts.word_count);
    return facts;
}

}  // namespace dateline

// Checks on rendered bodies shared by the XSS, WordPress and fuzz-corpus
// tests: what a browser would build from the HTML holds nothing that runs,
// and the HTML is well-formed (it parses as XML).
#pragma once

#include <gumbo.h>
#include <libxml/parser.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace dateline::testing {

// Problems found in html; empty when it is safe.
inline std::vector<std::string> unsafe_parts(std::string_view html) {
    static const std::vector<std::string> kElements = {
        "html",  "head",       "body",    "p",          "br",    "hr",       "h2",    "h3",
        "h4",    "h5",         "h6",      "strong",     "b",     "em",       "i",     "u",
        "s",     "del",        "ins",     "mark",       "small", "sub",      "sup",   "code",
        "pre",   "kbd",        "samp",    "var",        "q",     "cite",     "abbr",  "dfn",
        "time",  "blockquote", "ul",      "ol",         "li",    "dl",       "dt",    "dd",
        "a",     "img",        "figure",  "figcaption", "table", "thead",    "tbody", "tfoot",
        "tr",    "th",         "td",      "caption",    "col",   "colgroup", "span",  "div",
        "aside", "details",    "summary", "wbr"};
    static const std::vector<std::string> kAttributes = {
        "href",         "src",     "alt",      "title",  "lang",
        "dir",          "class",   "width",    "height", "loading",
        "cite",         "start",   "reversed", "type",   "value",
        "colspan",      "rowspan", "align",    "scope",  "span",
        "datetime",     "open",    "id",       "rel",    "data-embed-provider",
        "data-embed-id"};
    std::vector<std::string> problems;
    std::string doc =
        "<!DOCTYPE html><html><head></head><body>" + std::string(html) + "</body></html>";
    GumboOutput* out = gumbo_parse_with_options(&kGumboDefaultOptions, doc.data(), doc.size());
    std::vector<const GumboNode*> stack{out->root};
    while (!stack.empty()) {
        const GumboNode* n = stack.back();
        stack.pop_back();
        if (n->type == GUMBO_NODE_COMMENT) problems.push_back("comment");
        if (n->type == GUMBO_NODE_TEMPLATE) problems.push_back("template");
        if (n->type != GUMBO_NODE_ELEMENT) continue;
        const GumboElement& e = n->v.element;
        std::string name = e.tag == GUMBO_TAG_UNKNOWN ? "unknown" : gumbo_normalized_tagname(e.tag);
        if (e.tag_namespace != GUMBO_NAMESPACE_HTML) problems.push_back("foreign " + name);
        bool allowed = false;
        for (const auto& k : kElements)
            allowed = allowed || k == name;
        if (!allowed) problems.push_back("element " + name);
        for (unsigned i = 0; i < e.attributes.length; ++i) {
            const auto* a = static_cast<const GumboAttribute*>(e.attributes.data[i]);
            std::string key = a->name;
            bool known = false;
            for (const auto& k : kAttributes)
                known = known || k == key;
            if (!known) problems.push_back("attribute " + key + " on " + name);
            if (key == "href" || key == "src" || key == "cite") {
                std::string url;
                for (char c : std::string(a->value))
                    if (static_cast<unsigned char>(c) > 0x20 && c != 0x7F)
                        url += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                size_t colon = url.find(':');
                size_t slash = url.find_first_of("/?#");
                if (colon != std::string::npos && (slash == std::string::npos || colon < slash)) {
                    std::string scheme = url.substr(0, colon);
                    bool ok = scheme == "http" || scheme == "https" ||
                              (key == "href" && (scheme == "mailto" || scheme == "tel")) ||
                              (key == "src" && url.rfind("data:image/", 0) == 0 &&
                               url.rfind("data:image/svg", 0) != 0);
                    if (!ok) problems.push_back("url " + url.substr(0, 40) + " in " + key);
                }
            }
        }
        for (unsigned i = 0; i < e.children.length; ++i)
            stack.push_back(static_cast<const GumboNode*>(e.children.data[i]));
    }
    gumbo_destroy_output(&kGumboDefaultOptions, out);
    return problems;
}

// True when html, wrapped in one element, is well-formed XML.
inline bool well_formed(std::string_view html) {
    std::string doc = "<div>" + std::string(html) + "</div>";
    xmlDocPtr parsed = xmlReadMemory(doc.data(), static_cast<int>(doc.size()), "body.xml", "UTF-8",
                                     XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!parsed) return false;
    xmlFreeDoc(parsed);
    return true;
}

}  // namespace dateline::testing

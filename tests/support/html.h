// Parses HTML with gumbo (a real HTML5 parser) and finds elements the way a
// test describes them: by tag, class and attribute.
#pragma once

#include <gumbo.h>

#include <string>
#include <vector>

namespace dateline::testing {

class Html {
  public:
    explicit Html(const std::string& text);
    ~Html();
    Html(const Html&) = delete;
    Html& operator=(const Html&) = delete;

    // Elements matching a simple selector: "tag", ".class", "tag.class",
    // "[attr]", "tag[attr=value]" (one compound selector, no combinators).
    std::vector<const GumboNode*> all(const std::string& selector) const;
    std::vector<const GumboNode*> all_in(const GumboNode* scope, const std::string& selector) const;
    const GumboNode* first(const std::string& selector) const;
    size_t count(const std::string& selector) const { return all(selector).size(); }

    static std::string text(const GumboNode* node);  // text content, whitespace folded
    static std::string attr(const GumboNode* node, const std::string& name);

  private:
    std::string source_;
    GumboOutput* output_;
};

}  // namespace dateline::testing

// The data a template renders: strings, booleans, lists and objects, built
// by the view builders in site/ and moved (not copied) into place.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dateline {

class View {
  public:
    enum class type { object, list, string, bool_true, bool_false };

    View() = default;  // an empty object
    explicit View(type t) : type_(t) {}
    View(std::string text) : type_(type::string), text_(std::move(text)) {}
    View(const char* text) : type_(type::string), text_(text) {}
    View(std::string_view text) : type_(type::string), text_(text) {}
    View(bool value) : type_(value ? type::bool_true : type::bool_false) {}

    type kind() const { return type_; }

    // Objects: sets (or replaces) a member.
    void set(std::string key, View value);
    // The member of that name, or null.
    const View* get(std::string_view key) const;

    // Lists.
    void push_back(View value) { items_.push_back(std::move(value)); }
    const std::vector<View>& items() const { return items_; }
    bool is_empty_list() const { return type_ == type::list && items_.empty(); }

    const std::string& text() const { return text_; }

    // Mustache's truth: false, an empty list and an empty string are false;
    // everything else, objects included, is true.
    bool truthy() const;

  private:
    struct Member;
    type type_ = type::object;
    std::string text_;
    std::vector<View> items_;      // a list's items
    std::vector<Member> members_;  // an object's members, in insertion order
};

struct View::Member {
    std::string key;
    View value;
};

using ViewList = View;  // a View made with view_list()

inline View view_list() {
    return View(View::type::list);
}

}  // namespace dateline

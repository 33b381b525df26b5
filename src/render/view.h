// The data a template renders: strings, booleans, lists and objects, built
// by the view builders in site/ and moved (not copied) into place.
#pragma once

#include <memory>
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
    // A view built once and shown by many pages (a story card in a rail):
    // held, not copied, and read through; it cannot be changed.
    explicit View(std::shared_ptr<const View> shared) : shared_(std::move(shared)) {}

    type kind() const { return shared_ ? shared_->kind() : type_; }

    // Objects: sets (or replaces) a member. Throws std::logic_error on a
    // shared view.
    void set(std::string key, View value);
    // The member of that name, or null.
    const View* get(std::string_view key) const;

    // Lists. push_back throws std::logic_error on a shared view.
    void push_back(View value);
    const std::vector<View>& items() const { return shared_ ? shared_->items() : items_; }
    bool is_empty_list() const { return kind() == type::list && items().empty(); }

    const std::string& text() const { return shared_ ? shared_->text() : text_; }

    // Mustache's truth: false, an empty list and an empty string are false;
    // everything else, objects included, is true.
    bool truthy() const;

  private:
    struct Member;
    type type_ = type::object;
    std::string text_;
    std::vector<View> items_;             // a list's items
    std::vector<Member> members_;         // an object's members, in insertion order
    std::shared_ptr<const View> shared_;  // set: this view reads through to it
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

#include "render/view.h"

#include <stdexcept>

namespace dateline {

void View::set(std::string key, View value) {
    if (shared_) throw std::logic_error("View::set on a shared view: " + key);
    for (auto& member : members_) {
        if (member.key == key) {
            member.value = std::move(value);
            return;
        }
    }
    members_.push_back(Member{std::move(key), std::move(value)});
}

void View::push_back(View value) {
    if (shared_) throw std::logic_error("View::push_back on a shared view");
    items_.push_back(std::move(value));
}

const View* View::get(std::string_view key) const {
    if (shared_) return shared_->get(key);
    for (const auto& member : members_)
        if (member.key == key) return &member.value;
    return nullptr;
}

bool View::truthy() const {
    if (shared_) return shared_->truthy();
    switch (type_) {
        case type::bool_false:
            return false;
        case type::bool_true:
            return true;
        case type::list:
            return !items_.empty();
        case type::string:
            return !text_.empty();
        case type::object:
            return true;
    }
    return false;
}

}  // namespace dateline

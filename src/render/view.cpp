#include "render/view.h"

namespace dateline {

void View::set(std::string key, View value) {
    for (auto& member : members_) {
        if (member.key == key) {
            member.value = std::move(value);
            return;
        }
    }
    members_.push_back(Member{std::move(key), std::move(value)});
}

const View* View::get(std::string_view key) const {
    for (const auto& member : members_)
        if (member.key == key) return &member.value;
    return nullptr;
}

bool View::truthy() const {
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

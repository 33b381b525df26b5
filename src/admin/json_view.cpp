#include "admin/json_view.h"

namespace dateline {

View to_view(const nlohmann::json& value) {
    switch (value.type()) {
        case nlohmann::json::value_t::object: {
            View out;
            for (const auto& [key, item] : value.items())
                out.set(key, to_view(item));
            return out;
        }
        case nlohmann::json::value_t::array: {
            View out = view_list();
            for (const auto& item : value)
                out.push_back(to_view(item));
            return out;
        }
        case nlohmann::json::value_t::string:
            return View(value.get<std::string>());
        case nlohmann::json::value_t::boolean:
            return View(value.get<bool>());
        case nlohmann::json::value_t::null:
        case nlohmann::json::value_t::discarded:
            return View(std::string());
        default:
            return View(value.dump());
    }
}

}  // namespace dateline

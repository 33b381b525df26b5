// The admin pages render the same JSON the admin API answers with: this
// turns it into the Mustache engine's View. Numbers and null become text
// (null: empty, so {{#x}} is false).
#pragma once

#include <nlohmann/json.hpp>

#include "render/view.h"

namespace dateline {

View to_view(const nlohmann::json& value);

}  // namespace dateline

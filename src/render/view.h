// The data a template renders: kainjow's Mustache object model, named here so
// that callers need not spell the template engine.
#pragma once

#include <kainjow/mustache.hpp>

namespace dateline {

using View = kainjow::mustache::data;
using ViewList = kainjow::mustache::data;  // built with kainjow::mustache::data::type::list

inline View view_list() {
    return View(View::type::list);
}

}  // namespace dateline

// What the admin pages share (admin/ui_*.cpp only): the call a page handler
// gets, rendering into the layout, form fields, and redirects.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "admin/admin_ui.h"
#include "admin/api_support.h"
#include "render/template.h"

namespace dateline {

// A submitted form: every value of every field, in order.
class Form {
  public:
    Form() = default;
    explicit Form(std::vector<std::pair<std::string, std::string>> fields)
        : fields_(std::move(fields)) {}
    // The first value, or empty.
    std::string get(std::string_view name) const;
    std::vector<std::string> all(std::string_view name) const;
    bool has(std::string_view name) const;

  private:
    std::vector<std::pair<std::string, std::string>> fields_;
};

struct UiCall {
    const http::Request& request;
    std::vector<std::string_view> params;
    std::optional<Principal> who;  // set for pages that need a session
    Form form;                     // POST fields (urlencoded or multipart text parts)
};

// A page: the template's data, rendered into the layout.
struct UiPage {
    UiPage(std::string template_name, std::string title, std::string nav,
           json data = json::object())
        : template_name(std::move(template_name)),
          title(std::move(title)),
          nav(std::move(nav)),
          data(std::move(data)) {}

    std::string template_name;  // "stories" -> templates/stories.mustache
    std::string title;
    std::string nav;  // which menu entry is current: "stories", "media", ...
    json data = json::object();
    int status = 200;
    std::string flash;
    std::optional<Error> error;  // shown as the error summary
};

class UiContext {
  public:
    UiContext(AdminUiParts& parts, std::map<std::string, Template>& templates)
        : parts_(parts), templates_(templates) {}
    AdminUiParts& parts() { return parts_; }
    Store& store() { return parts_.api.store; }
    const SiteTime& time() const { return parts_.time; }
    http::Response render(const UiCall& call, UiPage page);

  private:
    AdminUiParts& parts_;
    std::map<std::string, Template>& templates_;
};

using UiResult = http::Response;
using UiHandler = std::function<UiResult(UiCall&, UiContext&)>;

struct UiRoute {
    std::string method;
    std::string pattern;  // under /admin, e.g. "/stories/{id}"
    bool needs_session = true;
    UiHandler handler;
};

void add_ui_story_routes(std::vector<UiRoute>& routes);
void add_ui_library_routes(std::vector<UiRoute>& routes);
void add_ui_people_routes(std::vector<UiRoute>& routes);
void add_ui_curation_routes(std::vector<UiRoute>& routes);

// 303 to location (after a successful POST).
http::Response see_other(const std::string& location);
// The field messages of an error, as "invalid_<field>" members of data, and
// the flash-free error summary on the page.
void show_error(UiPage& page, const Error& error);
// Local time for display ("March 22, 2023, 17:16:44 IST"), empty for none.
std::string local_time(const SiteTime& time, const json& iso_or_null);

}  // namespace dateline

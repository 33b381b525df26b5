// Admin page for the Trending strip and the Impact Shorts.
#include <algorithm>

#include "admin/ui_support.h"
#include "model/dependencies.h"
#include "model/editorial.h"
#include "util/strings.h"

namespace dateline {

namespace {

UiResult curation(UiCall& call, UiContext& ui, UiPage page) {
    auto trending = ui.store().tags().trending();
    json tags = json::array();
    for (const auto& t : ui.store().tags().list()) {
        auto at = std::find_if(trending.begin(), trending.end(),
                               [&](const Tag& x) { return x.id == t.id; });
        bool on = at != trending.end();
        tags.push_back({{"id", t.id},
                        {"name", t.name},
                        {"on", on},
                        {"position", on ? std::to_string(at - trending.begin() + 1) : ""}});
    }
    json shorts = json::array();
    for (const auto& s : ui.store().shorts().latest(20))
        shorts.push_back({{"headline", s.headline},
                          {"summary", s.summary},
                          {"words", std::to_string(count_words(s.summary))}});
    page.data["tags"] = tags;
    page.data["shorts"] = shorts;
    return ui.render(call, std::move(page));
}

void changed(UiContext& ui, std::vector<std::string> keys) {
    if (ui.store().changes().append(keys) && ui.parts().api.invalidate)
        ui.parts().api.invalidate(keys);
}

}  // namespace

void add_ui_curation_routes(std::vector<UiRoute>& routes) {
    routes.push_back({"GET", "/curation", true, [](UiCall& call, UiContext& ui) {
                          UiPage page{"curation", "Trending and shorts", "curation"};
                          if (call.request.query_param("saved")) page.flash = "Saved.";
                          return curation(call, ui, std::move(page));
                      }});
    routes.push_back({"POST", "/curation/trending", true, [](UiCall& call, UiContext& ui) {
                          std::vector<std::pair<int64_t, int64_t>> chosen;  // (order, tag)
                          int row = 0;
                          for (const auto& t : ui.store().tags().list()) {
                              ++row;
                              std::string n = std::to_string(t.id);
                              if (!call.form.has("tag_" + n)) continue;
                              int64_t position =
                                  parse_int(call.form.get("position_" + n)).value_or(1000 + row);
                              chosen.push_back({position * 10000 + row, t.id});
                          }
                          std::sort(chosen.begin(), chosen.end());
                          std::vector<int64_t> ids;
                          for (const auto& c : chosen)
                              ids.push_back(c.second);
                          Status st = authorize(*call.who, Action::curate);
                          if (st) st = ui.store().tags().set_trending(ids);
                          if (st) {
                              changed(ui, {std::string(deps::kNavigation)});
                              return see_other("/admin/curation?saved=1");
                          }
                          UiPage page{"curation", "Trending and shorts", "curation"};
                          show_error(page, st.error());
                          return curation(call, ui, std::move(page));
                      }});
    routes.push_back(
        {"POST", "/curation/shorts", true, [](UiCall& call, UiContext& ui) {
             Short item;
             item.headline = std::string(trim(call.form.get("headline")));
             item.summary = std::string(trim(call.form.get("summary")));
             item.published_at = ui.parts().api.clock.now();
             std::vector<FieldError> errors;
             std::string story = call.form.get("story_id");
             if (!story.empty()) {
                 auto id = parse_int(story);
                 if (!id || !ui.store().stories().by_id(*id))
                     errors.push_back({"story_id", "there is no story " + story});
                 else
                     item.story_id = *id;
             }
             if (item.headline.empty()) errors.push_back({"headline", "a short needs a headline"});
             int words = count_words(item.summary);
             if (words > kMaxShortWords)
                 errors.push_back({"summary", "a short has at most 60 words; this one has " +
                                                  std::to_string(words) + ": cut " +
                                                  std::to_string(words - kMaxShortWords)});
             Status st = authorize(*call.who, Action::curate);
             if (st && !errors.empty()) st = Error::invalid_fields(errors);
             if (st) {
                 auto id = ui.store().shorts().create(item);
                 if (!id) st = id.error();
             }
             if (st) {
                 changed(ui, {std::string(deps::kShorts)});
                 return see_other("/admin/curation?saved=1");
             }
             UiPage page{"curation", "Trending and shorts", "curation"};
             page.data["form"] = {
                 {"headline", item.headline}, {"summary", item.summary}, {"story_id", story}};
             show_error(page, st.error());
             return curation(call, ui, std::move(page));
         }});
}

}  // namespace dateline

// Admin pages for the media library (upload, alt text, caption, credit,
// focal point) and the curated collections (order, pin, expire).
#include "admin/media_desk.h"
#include "admin/ui_support.h"
#include "http/multipart.h"
#include "model/slug.h"
#include "util/strings.h"

namespace dateline {

namespace {

std::optional<double> fraction(const std::string& text) {
    if (text.empty()) return 0.5;
    try {
        size_t used = 0;
        double v = std::stod(text, &used);
        if (used != text.size() || v < 0 || v > 1) return std::nullopt;
        return v;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

std::string thumbnail(const MediaAsset& m) {
    for (const auto& r : m.renditions)
        if (r.crop == "16x9" && r.format == "webp") return "/media/" + r.path;
    return "/media/" + m.path;
}

UiResult library(UiCall& call, UiContext& ui, UiPage page) {
    ListQuery q;
    q.text = call.request.query_param("q").value_or("");
    q.limit = 60;
    q.offset = static_cast<int>(std::max<int64_t>(
        0, parse_int(call.request.query_param("offset").value_or("0")).value_or(0)));
    json items = json::array();
    int64_t total = 0;
    if (auto found = ui.store().media().page(q)) {
        total = found->total;
        for (const auto& m : found->items)
            items.push_back({{"id", m.id}, {"alt", m.alt}, {"thumb", thumbnail(m)}});
    }
    page.data["items"] = items;
    page.data["q"] = q.text;
    if (!page.data.contains("form")) page.data["form"] = {{"focal_x", "0.5"}, {"focal_y", "0.5"}};
    std::string base = "/admin/media?q=" + url_encode(q.text) + "&offset=";
    if (q.offset > 0) page.data["prev"] = base + std::to_string(std::max(0, q.offset - q.limit));
    if (q.offset + q.limit < total) page.data["next"] = base + std::to_string(q.offset + q.limit);
    return ui.render(call, std::move(page));
}

}  // namespace

void add_ui_library_routes(std::vector<UiRoute>& routes) {
    routes.push_back({"GET", "/media", true, [](UiCall& call, UiContext& ui) {
                          UiPage page{"media", "Media library", "media"};
                          if (call.request.query_param("added")) page.flash = "Image added.";
                          return library(call, ui, std::move(page));
                      }});
    routes.push_back(
        {"POST", "/media", true, [](UiCall& call, UiContext& ui) {
             UiPage page{"media", "Media library", "media"};
             page.data["form"] = {{"alt", call.form.get("alt")},
                                  {"caption", call.form.get("caption")},
                                  {"credit", call.form.get("credit")},
                                  {"focal_x", call.form.get("focal_x")},
                                  {"focal_y", call.form.get("focal_y")}};
             if (auto st = authorize(*call.who, Action::media_upload); !st) {
                 show_error(page, st.error());
                 return library(call, ui, std::move(page));
             }
             ImageUpload upload;
             std::vector<FieldError> errors;
             if (auto boundary = http::multipart_boundary(call.request.content_type))
                 if (auto parts = http::parse_multipart(call.request.body, *boundary))
                     for (const auto& p : *parts)
                         if (p.name == "file") {
                             upload.bytes = p.data;
                             upload.name = p.filename;
                         }
             if (upload.bytes.empty()) errors.push_back({"file", "choose an image file"});
             auto fx = fraction(call.form.get("focal_x"));
             auto fy = fraction(call.form.get("focal_y"));
             if (!fx)
                 errors.push_back({"focal_x", "the focal point across is a number from 0 to 1"});
             if (!fy) errors.push_back({"focal_y", "the focal point down is a number from 0 to 1"});
             if (!errors.empty()) {
                 show_error(page, Error::invalid_fields(errors));
                 return library(call, ui, std::move(page));
             }
             upload.alt = call.form.get("alt");
             upload.caption = call.form.get("caption");
             upload.credit = call.form.get("credit");
             upload.focal_x = *fx;
             upload.focal_y = *fy;
             upload.widths = ui.parts().api.image_widths;
             auto added = add_image(ui.store(), ui.parts().api.media, ui.parts().api.clock, upload);
             if (!added) {
                 show_error(page, added.error());
                 return library(call, ui, std::move(page));
             }
             return see_other("/admin/media/" + std::to_string(added->asset.id) + "?added=1");
         }});
    auto media_page = [](UiCall& call, UiContext& ui, const MediaAsset& m, UiPage page) {
        page.data["item"] = media_json(m);
        page.data["renditions"] = std::to_string(m.renditions.size());
        return ui.render(call, std::move(page));
    };
    routes.push_back({"GET", "/media/{id}", true, [media_page](UiCall& call, UiContext& ui) {
                          auto id = parse_int(call.params[0]);
                          auto m = id ? ui.store().media().by_id(*id) : std::nullopt;
                          if (!m) return see_other("/admin/media");
                          UiPage page{"media_edit", "Image", "media"};
                          if (call.request.query_param("added")) page.flash = "Image added.";
                          if (call.request.query_param("saved")) page.flash = "Saved.";
                          return media_page(call, ui, *m, std::move(page));
                      }});
    routes.push_back({"POST", "/media/{id}", true, [media_page](UiCall& call, UiContext& ui) {
                          auto id = parse_int(call.params[0]);
                          auto m = id ? ui.store().media().by_id(*id) : std::nullopt;
                          if (!m) return see_other("/admin/media");
                          UiPage page{"media_edit", "Image", "media"};
                          MediaAsset changed = *m;
                          changed.alt = call.form.get("alt");
                          changed.caption = call.form.get("caption");
                          changed.credit = call.form.get("credit");
                          changed.version = parse_int(call.form.get("version")).value_or(0);
                          auto fx = fraction(call.form.get("focal_x"));
                          auto fy = fraction(call.form.get("focal_y"));
                          Status st = authorize(*call.who, Action::media_edit);
                          if (st && (!fx || !fy))
                              st = Error::invalid("focal_x",
                                                  "the focal point is two numbers from 0 to 1");
                          if (st) {
                              changed.focal_x = *fx;
                              changed.focal_y = *fy;
                              st = ui.store().media().update(changed);
                          }
                          if (st) {
                              auto keys = keys_touched_by_media(ui.store(), *id);
                              if (ui.store().changes().append(keys) && ui.parts().api.invalidate)
                                  ui.parts().api.invalidate(keys);
                              return see_other("/admin/media/" + std::to_string(*id) + "?saved=1");
                          }
                          show_error(page, st.error());
                          return media_page(call, ui, changed, std::move(page));
                      }});

    routes.push_back({"GET", "/collections", true, [](UiCall& call, UiContext& ui) {
                          UiPage page{"collections", "Collections", "collections"};
                          ListQuery q;
                          q.limit = 200;
                          json items = json::array();
                          if (auto found = ui.store().collections().page(q))
                              for (const auto& c : found->items) {
                                  auto full = ui.store().collections().by_id(c.id);
                                  items.push_back(
                                      {{"id", c.id},
                                       {"name", c.name},
                                       {"slug", c.slug},
                                       {"count", std::to_string(full ? full->items.size() : 0)}});
                              }
                          page.data["items"] = items;
                          return ui.render(call, std::move(page));
                      }});
    routes.push_back({"POST", "/collections", true, [](UiCall& call, UiContext& ui) {
                          Collection c;
                          c.name = std::string(trim(call.form.get("name")));
                          c.slug = slugify(c.name);
                          Status st = authorize(*call.who, Action::curate);
                          Result<int64_t> id = Error::invalid("name", "a collection needs a name");
                          if (!st)
                              id = st.error();
                          else if (!c.name.empty())
                              id = ui.store().collections().create(c);
                          if (id) return see_other("/admin/collections/" + std::to_string(*id));
                          UiPage page{"collections", "Collections", "collections"};
                          show_error(page, id.error());
                          page.data["items"] = json::array();
                          return ui.render(call, std::move(page));
                      }});
    auto collection_page = [](UiCall& call, UiContext& ui, const Collection& c, UiPage page) {
        json rows = json::array();
        std::vector<int64_t> ids;
        for (const auto& i : c.items)
            ids.push_back(i.story_id);
        int position = 1;
        for (const auto& i : c.items) {
            auto story = ui.store().stories().by_id(i.story_id);
            rows.push_back(
                {{"story_id", i.story_id},
                 {"headline", story ? story->headline : "(deleted story)"},
                 {"position", std::to_string(position++)},
                 {"pinned", i.pinned},
                 {"expires_local", i.expires_at ? ui.time().input_local(*i.expires_at) : ""}});
        }
        page.data["collection"] = {{"id", c.id}, {"name", c.name}, {"version", c.version}};
        page.data["rows"] = rows;
        page.data["zone"] = ui.time().abbreviation(ui.parts().api.clock.now());
        return ui.render(call, std::move(page));
    };
    routes.push_back(
        {"GET", "/collections/{id}", true, [collection_page](UiCall& call, UiContext& ui) {
             auto id = parse_int(call.params[0]);
             auto c = id ? ui.store().collections().by_id(*id) : std::nullopt;
             if (!c) return see_other("/admin/collections");
             UiPage page{"collection_edit", c->name, "collections"};
             if (call.request.query_param("saved"))
                 page.flash = "Saved: the site shows the new order now.";
             return collection_page(call, ui, *c, std::move(page));
         }});
    routes.push_back(
        {"POST", "/collections/{id}", true, [collection_page](UiCall& call, UiContext& ui) {
             auto id = parse_int(call.params[0]);
             auto c = id ? ui.store().collections().by_id(*id) : std::nullopt;
             if (!c) return see_other("/admin/collections");
             UiPage page{"collection_edit", c->name, "collections"};
             std::vector<FieldError> errors;
             // Rows sorted by the position typed for each; ties keep their order.
             std::vector<std::pair<int64_t, CollectionItem>> ordered;
             int row = 0;
             for (const auto& value : call.form.all("story_id")) {
                 auto story_id = parse_int(value);
                 if (!story_id) continue;
                 std::string n = std::to_string(*story_id);
                 if (call.form.has("remove_" + n)) continue;
                 CollectionItem item;
                 item.story_id = *story_id;
                 item.pinned = call.form.has("pinned_" + n);
                 std::string expires = call.form.get("expires_" + n);
                 if (!expires.empty()) {
                     item.expires_at = ui.time().parse_input_local(expires);
                     if (!item.expires_at)
                         errors.push_back({"expires_" + n, "the expiry is not a date and time"});
                 }
                 int64_t position = parse_int(call.form.get("position_" + n)).value_or(row + 1);
                 ordered.push_back({position * 1000 + row++, item});
             }
             std::string add(trim(call.form.get("add")));
             if (!add.empty()) {
                 auto segment = add.substr(add.find_last_of('/') + 1);
                 auto story_id = parse_int(add);
                 if (!story_id) story_id = story_id_from_segment(segment);
                 if (!story_id || !ui.store().stories().by_id(*story_id))
                     errors.push_back({"add", "no story with that id or URL"});
                 else
                     ordered.push_back({-1, CollectionItem{*story_id, 0, false, std::nullopt}});
             }
             std::stable_sort(ordered.begin(), ordered.end(),
                              [](const auto& a, const auto& b) { return a.first < b.first; });
             Collection changed = *c;
             changed.items.clear();
             for (auto& [key, item] : ordered) {
                 item.position = static_cast<int>(changed.items.size());
                 changed.items.push_back(item);
             }
             changed.version = parse_int(call.form.get("version")).value_or(0);
             Status st = authorize(*call.who, Action::curate);
             if (st && !errors.empty()) st = Error::invalid_fields(errors);
             if (st) st = ui.store().collections().update(changed);
             if (st) {
                 std::vector<std::string> keys{"collection:" + c->slug};
                 if (ui.store().changes().append(keys) && ui.parts().api.invalidate)
                     ui.parts().api.invalidate(keys);
                 return see_other("/admin/collections/" + std::to_string(*id) + "?saved=1");
             }
             show_error(page, st.error());
             return collection_page(call, ui, changed, std::move(page));
         }});
}

}  // namespace dateline

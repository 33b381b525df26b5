#include "admin/api_support.h"
#include "util/text_diff.h"

namespace dateline {

json story_json(const Story& s) {
    return {{"id", s.id},
            {"slug", s.slug},
            {"section_id", s.section_id},
            {"kind", to_string(s.kind)},
            {"status", to_string(s.status)},
            {"headline", s.headline},
            {"standfirst", s.standfirst},
            {"body_format", to_string(s.body_format)},
            {"body", s.body_source},
            {"body_html", s.body_html},
            {"word_count", s.word_count},
            {"hero_media_id", s.hero_media_id ? json(*s.hero_media_id) : json()},
            {"show_id", s.show_id ? json(*s.show_id) : json()},
            {"agency_credit", s.agency_credit},
            {"author_ids", s.author_ids},
            {"tag_ids", s.tag_ids},
            {"event_ids", s.event_ids},
            {"owner_id", s.owner_id ? json(*s.owner_id) : json()},
            {"embargo_until", iso_or_null(s.embargo_until)},
            {"published_at", iso_or_null(s.published_at)},
            {"content_updated_at", iso_or_null(s.content_updated_at)},
            {"created_at", iso(s.created_at)},
            {"updated_at", iso(s.updated_at)},
            {"version", s.version}};
}

json user_json(const User& u) {
    return {{"id", u.id},
            {"email", u.email},
            {"name", u.name},
            {"role", to_string(u.role)},
            {"disabled", u.disabled},
            {"author_id", u.author_id ? json(*u.author_id) : json()},
            {"created_at", iso(u.created_at)},
            {"version", u.version}};
}

json key_json(const ApiKey& k) {
    return {{"id", k.id},
            {"name", k.name},
            {"prefix", k.prefix},
            {"scopes", k.scopes},
            {"created_by", k.created_by ? json(*k.created_by) : json()},
            {"created_at", iso(k.created_at)},
            {"last_used_at", iso_or_null(k.last_used_at)},
            {"revoked_at", iso_or_null(k.revoked_at)}};
}

json revision_json(const Revision& r, bool with_snapshot) {
    json j = {{"id", r.id},
              {"story_id", r.story_id},
              {"version", r.version},
              {"user_id", r.user_id ? json(*r.user_id) : json()},
              {"user_name", r.user_name},
              {"at", iso(r.at)},
              {"kind", r.kind},
              {"changed", r.changed}};
    if (with_snapshot) j["snapshot"] = json::parse(r.snapshot, nullptr, false);
    return j;
}

// Field by field: what changed between two snapshots; the body line by line.
json snapshot_diff(const json& before, const json& after) {
    json out = json::array();
    for (const auto& [key, value] : after.items()) {
        json old = before.is_object() && before.contains(key) ? before.at(key) : json();
        if (old == value) continue;
        json change = {{"field", key}};
        if (key == "body" && value.is_string()) {
            json lines = json::array();
            for (const auto& line : diff_lines(old.is_string() ? old.get<std::string>() : "",
                                               value.get<std::string>())) {
                const char* op = line.op == DiffOp::same    ? " "
                                 : line.op == DiffOp::added ? "+"
                                                            : "-";
                lines.push_back({op, line.text});
            }
            change["lines"] = std::move(lines);
        } else {
            change["before"] = old;
            change["after"] = value;
        }
        out.push_back(std::move(change));
    }
    return out;
}

json media_json(const MediaAsset& m) {
    json renditions = json::array();
    for (const auto& r : m.renditions)
        renditions.push_back({{"crop", r.crop},
                              {"format", r.format},
                              {"width", r.width},
                              {"height", r.height},
                              {"url", "/media/" + r.path}});
    return {{"id", m.id},           {"url", "/media/" + m.path}, {"mime", m.mime},
            {"width", m.width},     {"height", m.height},        {"bytes", m.bytes},
            {"alt", m.alt},         {"caption", m.caption},      {"credit", m.credit},
            {"focal_x", m.focal_x}, {"focal_y", m.focal_y},      {"created_at", iso(m.created_at)},
            {"version", m.version}, {"renditions", renditions}};
}

}  // namespace dateline

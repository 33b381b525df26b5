// The columns of each aggregate's table and the readers of a row of them,
// shared by the read paths and the newsroom's editing paths.
#pragma once

#include "store/sqlite/database.h"
#include "store/store.h"

namespace dateline::sqlite {

inline constexpr const char* kSectionColumns =
    "id, slug, name, description, parent_id, position, version";
inline constexpr const char* kAuthorColumns = "id, slug, name, kind, title, bio, version";
inline constexpr const char* kTagColumns = "id, slug, name, description, version";
// Shows and event hubs share their shape.
inline constexpr const char* kListedColumns = "id, slug, name, description, position, version";
inline constexpr const char* kMediaColumns =
    "id, path, mime, width, height, bytes, alt, caption, credit, focal_x, focal_y, created_at, "
    "version";
inline constexpr const char* kPageColumns =
    "id, slug, title, body_source, body_html, updated_at, version, body_format";

Section read_section(Statement& s);
Author read_author(Statement& s);
Tag read_tag(Statement& s);
template <class T>  // Show or EventHub
T read_listed(Statement& s) {
    T out;
    out.id = s.int64(0);
    out.slug = s.text(1);
    out.name = s.text(2);
    out.description = s.text(3);
    out.position = s.integer(4);
    out.version = s.int64(5);
    return out;
}
MediaAsset read_media(Statement& s);
StaticPage read_page(Statement& s);

}  // namespace dateline::sqlite

#include "store/sqlite/rows.h"

#include "store/sqlite/stores.h"

namespace dateline::sqlite {

Section read_section(Statement& s) {
    Section out;
    out.id = s.int64(0);
    out.slug = s.text(1);
    out.name = s.text(2);
    out.description = s.text(3);
    out.parent_id = s.optional_int64(4);
    out.position = s.integer(5);
    out.version = s.int64(6);
    return out;
}

Author read_author(Statement& s) {
    Author out;
    out.id = s.int64(0);
    out.slug = s.text(1);
    out.name = s.text(2);
    out.kind = parse_author_kind(s.text(3)).value_or(AuthorKind::person);
    out.title = s.text(4);
    out.bio = s.text(5);
    out.version = s.int64(6);
    return out;
}

Tag read_tag(Statement& s) {
    Tag out;
    out.id = s.int64(0);
    out.slug = s.text(1);
    out.name = s.text(2);
    out.description = s.text(3);
    out.version = s.int64(4);
    return out;
}

MediaAsset read_media(Statement& q) {
    MediaAsset m;
    m.id = q.int64(0);
    m.path = q.text(1);
    m.mime = q.text(2);
    m.width = q.integer(3);
    m.height = q.integer(4);
    m.bytes = q.int64(5);
    m.alt = q.text(6);
    m.caption = q.text(7);
    m.credit = q.text(8);
    m.focal_x = q.real(9);
    m.focal_y = q.real(10);
    m.created_at = from_unix(q.int64(11));
    m.version = q.int64(12);
    return m;
}

StaticPage read_page(Statement& s) {
    StaticPage out;
    out.id = s.int64(0);
    out.slug = s.text(1);
    out.title = s.text(2);
    out.body_source = s.text(3);
    out.body_html = s.text(4);
    out.updated_at = from_unix(s.int64(5));
    out.version = s.int64(6);
    out.body_format = parse_body_format(s.text(7)).value_or(BodyFormat::markdown);
    return out;
}

}  // namespace dateline::sqlite

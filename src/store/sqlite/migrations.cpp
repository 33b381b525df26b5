#include "store/sqlite/migrations.h"

#include <string>

namespace dateline::sqlite {

// Times are INTEGER seconds since the Unix epoch, UTC.
static const char* kInitialSchema = R"sql(
CREATE TABLE sections (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    parent_id INTEGER REFERENCES sections(id) ON DELETE RESTRICT,
    position INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE authors (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('person', 'desk')),
    title TEXT NOT NULL DEFAULT '',
    bio TEXT NOT NULL DEFAULT ''
);
CREATE TABLE tags (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT ''
);
CREATE TABLE trending_tags (
    position INTEGER PRIMARY KEY,
    tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE
);
CREATE TABLE shows (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE media (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    mime TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    bytes INTEGER NOT NULL,
    alt TEXT NOT NULL DEFAULT '',
    caption TEXT NOT NULL DEFAULT '',
    credit TEXT NOT NULL DEFAULT '',
    focal_x REAL NOT NULL DEFAULT 0.5,
    focal_y REAL NOT NULL DEFAULT 0.5,
    created_at INTEGER NOT NULL
);
CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL,
    section_id INTEGER NOT NULL REFERENCES sections(id) ON DELETE RESTRICT,
    kind TEXT NOT NULL CHECK (kind IN ('news','explainer','opinion','analysis','live','video')),
    status TEXT NOT NULL CHECK (status IN ('draft','in_review','scheduled','published','unpublished','archived')),
    headline TEXT NOT NULL,
    standfirst TEXT NOT NULL DEFAULT '',
    body_format TEXT NOT NULL CHECK (body_format IN ('markdown','html')),
    body_source TEXT NOT NULL DEFAULT '',
    body_html TEXT NOT NULL DEFAULT '',
    body_text TEXT NOT NULL DEFAULT '',
    word_count INTEGER NOT NULL DEFAULT 0,
    hero_media_id INTEGER REFERENCES media(id) ON DELETE SET NULL,
    show_id INTEGER REFERENCES shows(id) ON DELETE SET NULL,
    agency_credit INTEGER NOT NULL DEFAULT 0,
    published_at INTEGER,
    content_updated_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX stories_published ON stories(status, published_at DESC, id DESC);
CREATE INDEX stories_section ON stories(section_id, status, published_at DESC, id DESC);
CREATE INDEX stories_show ON stories(show_id, status, published_at DESC) WHERE show_id IS NOT NULL;
CREATE TABLE story_authors (
    story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    author_id INTEGER NOT NULL REFERENCES authors(id) ON DELETE RESTRICT,
    position INTEGER NOT NULL,
    PRIMARY KEY (story_id, author_id)
) WITHOUT ROWID;
CREATE INDEX story_authors_author ON story_authors(author_id, story_id);
CREATE TABLE story_tags (
    story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (story_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX story_tags_tag ON story_tags(tag_id, story_id);
CREATE TABLE story_events (
    story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    PRIMARY KEY (story_id, event_id)
) WITHOUT ROWID;
CREATE INDEX story_events_event ON story_events(event_id, story_id);
CREATE TABLE shorts (
    id INTEGER PRIMARY KEY,
    story_id INTEGER REFERENCES stories(id) ON DELETE CASCADE,
    headline TEXT NOT NULL,
    summary TEXT NOT NULL,
    published_at INTEGER NOT NULL
);
CREATE INDEX shorts_published ON shorts(published_at DESC);
CREATE TABLE pages (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    body_source TEXT NOT NULL DEFAULT '',
    body_html TEXT NOT NULL DEFAULT '',
    updated_at INTEGER NOT NULL
);
CREATE TABLE collections (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);
CREATE TABLE collection_items (
    collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
    story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    pinned INTEGER NOT NULL DEFAULT 0,
    expires_at INTEGER,
    PRIMARY KEY (collection_id, story_id)
) WITHOUT ROWID;
CREATE TABLE redirects (
    from_path TEXT PRIMARY KEY,
    to_path TEXT NOT NULL,
    status INTEGER NOT NULL DEFAULT 301 CHECK (status IN (301, 302, 307, 308, 410))
) WITHOUT ROWID;
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('owner','admin','editor','author','contributor')),
    password_hash TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    keys TEXT NOT NULL,
    at INTEGER NOT NULL
);
)sql";

// Listings by tag, author and event walk an index in date order instead of
// sorting every story of a big tag: the link rows carry the story's
// publication time while it is published (NULL otherwise).
static const char* kLinkPublicationTimes = R"sql(
ALTER TABLE story_tags ADD COLUMN published_at INTEGER;
ALTER TABLE story_authors ADD COLUMN published_at INTEGER;
ALTER TABLE story_events ADD COLUMN published_at INTEGER;
UPDATE story_tags SET published_at =
    (SELECT published_at FROM stories s WHERE s.id = story_id AND s.status = 'published');
UPDATE story_authors SET published_at =
    (SELECT published_at FROM stories s WHERE s.id = story_id AND s.status = 'published');
UPDATE story_events SET published_at =
    (SELECT published_at FROM stories s WHERE s.id = story_id AND s.status = 'published');
DROP INDEX story_tags_tag;
DROP INDEX story_authors_author;
DROP INDEX story_events_event;
CREATE INDEX story_tags_listing ON story_tags(tag_id, published_at DESC, story_id DESC);
CREATE INDEX story_authors_listing ON story_authors(author_id, published_at DESC, story_id DESC);
CREATE INDEX story_events_listing ON story_events(event_id, published_at DESC, story_id DESC);
)sql";

// Renditions of a media asset (docs/media.md): one row per file. A crop that
// equals the original shares its files, so two rows may name one path.
static const char* kMediaRenditions = R"sql(
CREATE TABLE media_renditions (
    media_id INTEGER NOT NULL REFERENCES media(id) ON DELETE CASCADE,
    crop TEXT NOT NULL CHECK (crop IN ('original', '16x9', '4x3', '1x1')),
    format TEXT NOT NULL CHECK (format IN ('webp', 'jpeg', 'png')),
    width INTEGER NOT NULL CHECK (width > 0),
    height INTEGER NOT NULL CHECK (height > 0),
    path TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    PRIMARY KEY (media_id, crop, format, width)
) WITHOUT ROWID;
)sql";

// Sitemaps count and date stories per month; this index covers that scan.
static const char* kSitemapIndex = R"sql(
CREATE INDEX stories_published_modified ON stories(status, published_at, content_updated_at);
)sql";

// Full-text search (docs/search.md): an FTS5 index over the published
// stories, kept by triggers on stories so that every write path, whatever
// changes a story's text or status, keeps it in step inside its own
// transaction. Tags and authors are copied onto the story (search_tags,
// search_authors) so that the index's external content is one row. The
// reader searches are kept only as anonymous counts per hour.
static const char* kFullTextSearch = R"sql(
ALTER TABLE stories ADD COLUMN search_tags TEXT NOT NULL DEFAULT '';
ALTER TABLE stories ADD COLUMN search_authors TEXT NOT NULL DEFAULT '';
UPDATE stories SET
    search_tags = coalesce((SELECT group_concat(name, ', ') FROM (SELECT t.name FROM story_tags st
        JOIN tags t ON t.id = st.tag_id WHERE st.story_id = stories.id ORDER BY st.position)), ''),
    search_authors = coalesce((SELECT group_concat(name, ', ') FROM (SELECT a.name FROM story_authors sa
        JOIN authors a ON a.id = sa.author_id WHERE sa.story_id = stories.id ORDER BY sa.position)), '');
CREATE VIRTUAL TABLE stories_fts USING fts5(
    headline, standfirst, body_text, search_tags, search_authors,
    content = 'stories', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3'
);
INSERT INTO stories_fts (rowid, headline, standfirst, body_text, search_tags, search_authors)
    SELECT id, headline, standfirst, body_text, search_tags, search_authors FROM stories
    WHERE status = 'published';
CREATE TRIGGER stories_fts_insert AFTER INSERT ON stories WHEN new.status = 'published' BEGIN
    INSERT INTO stories_fts (rowid, headline, standfirst, body_text, search_tags, search_authors)
        VALUES (new.id, new.headline, new.standfirst, new.body_text, new.search_tags,
                new.search_authors);
END;
CREATE TRIGGER stories_fts_delete AFTER DELETE ON stories WHEN old.status = 'published' BEGIN
    INSERT INTO stories_fts (stories_fts, rowid, headline, standfirst, body_text, search_tags,
                             search_authors)
        VALUES ('delete', old.id, old.headline, old.standfirst, old.body_text, old.search_tags,
                old.search_authors);
END;
CREATE TRIGGER stories_fts_update
AFTER UPDATE OF id, status, headline, standfirst, body_text, search_tags, search_authors ON stories
WHEN old.status = 'published' OR new.status = 'published' BEGIN
    INSERT INTO stories_fts (stories_fts, rowid, headline, standfirst, body_text, search_tags,
                             search_authors)
        SELECT 'delete', old.id, old.headline, old.standfirst, old.body_text, old.search_tags,
               old.search_authors WHERE old.status = 'published';
    INSERT INTO stories_fts (rowid, headline, standfirst, body_text, search_tags, search_authors)
        SELECT new.id, new.headline, new.standfirst, new.body_text, new.search_tags,
               new.search_authors WHERE new.status = 'published';
END;
CREATE TRIGGER tags_rename_search AFTER UPDATE OF name ON tags BEGIN
    UPDATE stories SET search_tags = coalesce((SELECT group_concat(name, ', ') FROM (
        SELECT t.name FROM story_tags st JOIN tags t ON t.id = st.tag_id
        WHERE st.story_id = stories.id ORDER BY st.position)), '')
    WHERE id IN (SELECT story_id FROM story_tags WHERE tag_id = new.id);
END;
CREATE TRIGGER authors_rename_search AFTER UPDATE OF name ON authors BEGIN
    UPDATE stories SET search_authors = coalesce((SELECT group_concat(name, ', ') FROM (
        SELECT a.name FROM story_authors sa JOIN authors a ON a.id = sa.author_id
        WHERE sa.story_id = stories.id ORDER BY sa.position)), '')
    WHERE id IN (SELECT story_id FROM story_authors WHERE author_id = new.id);
END;
CREATE TRIGGER tags_delete_search BEFORE DELETE ON tags BEGIN
    UPDATE stories SET search_tags = coalesce((SELECT group_concat(name, ', ') FROM (
        SELECT t.name FROM story_tags st JOIN tags t ON t.id = st.tag_id
        WHERE st.story_id = stories.id AND st.tag_id <> old.id ORDER BY st.position)), '')
    WHERE id IN (SELECT story_id FROM story_tags WHERE tag_id = old.id);
END;
-- Filters and date order read these from the index: a story row is several
-- pages long (its bodies), and published_at lies past them.
CREATE INDEX stories_search_filter ON stories(id, published_at, section_id);
CREATE TABLE search_terms (
    hour INTEGER NOT NULL,
    term TEXT NOT NULL,
    count INTEGER NOT NULL CHECK (count > 0),
    PRIMARY KEY (hour, term)
) WITHOUT ROWID;
)sql";

// Readership (docs/readership.md): views per story per hour (Unix time /
// 3600), added to by the server's flusher. No personal data: a count only.
// The hour index serves the Most Read ranking, which reads the last hours.
static const char* kStoryViews = R"sql(
CREATE TABLE story_views (
    story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    hour INTEGER NOT NULL,
    views INTEGER NOT NULL CHECK (views >= 0),
    PRIMARY KEY (story_id, hour)
) WITHOUT ROWID;
CREATE INDEX story_views_hour ON story_views(hour, story_id, views);
)sql";

// The sitemap index lists months: their published stories counted and dated
// as stories are written (store/sqlite/story_months.cpp), so that it reads a
// row per month instead of every story. month is "YYYY-MM" of published_at
// in UTC; a month without published stories has no row.
static const char* kStoryMonths = R"sql(
CREATE TABLE story_months (
    month TEXT PRIMARY KEY,
    published_count INTEGER NOT NULL CHECK (published_count > 0),
    last_modified INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO story_months (month, published_count, last_modified)
SELECT strftime('%Y-%m', published_at, 'unixepoch'), count(*),
       max(max(published_at, coalesce(content_updated_at, 0)))
FROM stories INDEXED BY stories_published_modified
WHERE status = 'published' AND published_at IS NOT NULL
GROUP BY 1;
)sql";

// The newsroom edits every aggregate: each carries a version for optimistic
// concurrency (an update names the version it read). Stories gain the staff
// user who created them and an embargo; the admin list sorts by update time.
static const char* kNewsroomEditing = R"sql(
ALTER TABLE sections ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE authors ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE tags ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE shows ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE events ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE media ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE shorts ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE pages ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE collections ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE redirects ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE stories ADD COLUMN owner_id INTEGER REFERENCES users(id) ON DELETE SET NULL;
ALTER TABLE stories ADD COLUMN embargo_until INTEGER;
CREATE INDEX stories_updated ON stories(updated_at DESC, id DESC);
CREATE INDEX stories_owner ON stories(owner_id, updated_at DESC) WHERE owner_id IS NOT NULL;
CREATE INDEX stories_hero ON stories(hero_media_id) WHERE hero_media_id IS NOT NULL;
CREATE INDEX shorts_story ON shorts(story_id) WHERE story_id IS NOT NULL;
CREATE INDEX collection_items_story ON collection_items(story_id);
)sql";

// The newsroom's access control and history (docs/newsroom.md): sessions and
// keys hold hashes only; failed logins are counted per hour and pruned.
static const char* kNewsroomAccess = R"sql(
ALTER TABLE users ADD COLUMN password_changed_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN author_id INTEGER REFERENCES authors(id) ON DELETE SET NULL;
ALTER TABLE users ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
UPDATE users SET password_changed_at = created_at;
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions(user_id);
CREATE TABLE api_keys (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    prefix TEXT NOT NULL UNIQUE,
    secret_hash TEXT NOT NULL,
    scopes TEXT NOT NULL,
    created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at INTEGER
);
CREATE TABLE login_failures (
    key TEXT NOT NULL,
    hour INTEGER NOT NULL,
    failures INTEGER NOT NULL,
    PRIMARY KEY (key, hour)
) WITHOUT ROWID;
CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
) WITHOUT ROWID;
CREATE TABLE revisions (
    id INTEGER PRIMARY KEY,
    story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    at INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('create', 'save', 'status', 'restore')),
    changed TEXT NOT NULL,
    snapshot TEXT NOT NULL
);
CREATE INDEX revisions_story ON revisions(story_id, id DESC);
CREATE TABLE autosaves (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    story_id INTEGER NOT NULL,
    at INTEGER NOT NULL,
    snapshot TEXT NOT NULL,
    PRIMARY KEY (user_id, story_id)
) WITHOUT ROWID;
)sql";

// The search index without prefix indexes (they doubled the cost of
// indexing a story and served only two- and three-letter prefixes), and the
// deferral that bulk loads use (store/search_index.h, docs/schema.md). The
// new index starts deferred: the store indexes the published stories in
// batches when it opens, as after any bulk load.
static const char* kSearchWithoutPrefixes = R"sql(
CREATE TABLE search_deferral (
    only INTEGER PRIMARY KEY CHECK (only = 1),
    indexed_below INTEGER NOT NULL
);
INSERT INTO search_deferral (only, indexed_below) VALUES (1, 0);
DROP TRIGGER stories_fts_insert;
DROP TRIGGER stories_fts_delete;
DROP TRIGGER stories_fts_update;
DROP TABLE stories_fts;
CREATE VIRTUAL TABLE stories_fts USING fts5(
    headline, standfirst, body_text, search_tags, search_authors,
    content = 'stories', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
)sql";

// How many published stories carry each tag, kept by triggers on the link
// rows (which carry published_at only while their story is published), as
// WordPress keeps term counts: Related stories weigh a tag by its rarity, and
// counting a tag's links up to a cap on every story render was a tenth of a
// story page's cache miss at a million stories.
static const char* kTagStoryCounts = R"sql(
ALTER TABLE tags ADD COLUMN published_stories INTEGER NOT NULL DEFAULT 0;
UPDATE tags SET published_stories =
    (SELECT count(*) FROM story_tags st WHERE st.tag_id = tags.id AND st.published_at IS NOT NULL);
CREATE TRIGGER story_tags_count_insert AFTER INSERT ON story_tags
WHEN new.published_at IS NOT NULL BEGIN
    UPDATE tags SET published_stories = published_stories + 1 WHERE id = new.tag_id;
END;
CREATE TRIGGER story_tags_count_delete AFTER DELETE ON story_tags
WHEN old.published_at IS NOT NULL BEGIN
    UPDATE tags SET published_stories = published_stories - 1 WHERE id = old.tag_id;
END;
CREATE TRIGGER story_tags_count_update AFTER UPDATE OF tag_id, published_at ON story_tags BEGIN
    UPDATE tags SET published_stories = published_stories - 1
        WHERE id = old.tag_id AND old.published_at IS NOT NULL;
    UPDATE tags SET published_stories = published_stories + 1
        WHERE id = new.tag_id AND new.published_at IS NOT NULL;
END;
)sql";

// Migration 10's triggers, as released (search_index_triggers() below is
// today's).
static const char* kSearchTriggers10 = R"sql(
CREATE TRIGGER stories_fts_insert AFTER INSERT ON stories
WHEN new.status = 'published'
    AND NOT EXISTS (SELECT 1 FROM search_deferral WHERE new.id >= indexed_below) BEGIN
    INSERT INTO stories_fts (rowid, headline, standfirst, body_text, search_tags, search_authors)
        VALUES (new.id, new.headline, new.standfirst, new.body_text, new.search_tags,
                new.search_authors);
END;
CREATE TRIGGER stories_fts_delete AFTER DELETE ON stories
WHEN old.status = 'published'
    AND NOT EXISTS (SELECT 1 FROM search_deferral WHERE old.id >= indexed_below) BEGIN
    INSERT INTO stories_fts (stories_fts, rowid, headline, standfirst, body_text, search_tags,
                             search_authors)
        VALUES ('delete', old.id, old.headline, old.standfirst, old.body_text, old.search_tags,
                old.search_authors);
END;
CREATE TRIGGER stories_fts_update
AFTER UPDATE OF id, status, headline, standfirst, body_text, search_tags, search_authors ON stories
WHEN old.status = 'published' OR new.status = 'published' BEGIN
    INSERT INTO stories_fts (stories_fts, rowid, headline, standfirst, body_text, search_tags,
                             search_authors)
        SELECT 'delete', old.id, old.headline, old.standfirst, old.body_text, old.search_tags,
               old.search_authors WHERE old.status = 'published'
        AND NOT EXISTS (SELECT 1 FROM search_deferral WHERE old.id >= indexed_below);
    INSERT INTO stories_fts (rowid, headline, standfirst, body_text, search_tags, search_authors)
        SELECT new.id, new.headline, new.standfirst, new.body_text, new.search_tags,
               new.search_authors WHERE new.status = 'published'
        AND NOT EXISTS (SELECT 1 FROM search_deferral WHERE new.id >= indexed_below);
END;
)sql";

// Search within a section reads the section from the index: each story's
// section is a word of its own ("section12") in a sixth column, so FTS5
// intersects two lists instead of the filter reading the section of every
// match (62,000 lookups for a common word at a million stories). The column
// is generated, so no story row is rewritten; the deferral it leaves has the
// index built again in batches at start (search_index.h).
static const char* kSearchBySection = R"sql(
DROP TRIGGER stories_fts_insert;
DROP TRIGGER stories_fts_delete;
DROP TRIGGER stories_fts_update;
DROP TABLE stories_fts;
ALTER TABLE stories ADD COLUMN search_section TEXT
    GENERATED ALWAYS AS ('section' || section_id) VIRTUAL;
CREATE VIRTUAL TABLE stories_fts USING fts5(
    headline, standfirst, body_text, search_tags, search_authors, search_section,
    content = 'stories', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO search_deferral (only, indexed_below) VALUES (1, 0)
    ON CONFLICT (only) DO UPDATE SET indexed_below = 0;
)sql";

// Imports remember what they made of each item of their source, so that the
// same export imported again adds only what is new; a page says whether its
// source is Markdown or HTML (a WordPress page is HTML and stays HTML when
// an editor changes it).
static const char* kImportedItems = R"sql(
CREATE TABLE imported_items (
    source TEXT NOT NULL,
    kind TEXT NOT NULL,
    source_id TEXT NOT NULL,
    target_id INTEGER NOT NULL,
    imported_at INTEGER NOT NULL,
    PRIMARY KEY (source, kind, source_id)
) WITHOUT ROWID;
ALTER TABLE pages ADD COLUMN body_format TEXT NOT NULL DEFAULT 'markdown';
)sql";

// While search_deferral has its row, stories from indexed_below up are not
// in the index yet, and the triggers leave them alone: the batch that
// indexes them reads their values as they are then.
const char* search_index_triggers() {
    return R"sql(
CREATE TRIGGER stories_fts_insert AFTER INSERT ON stories
WHEN new.status = 'published'
    AND NOT EXISTS (SELECT 1 FROM search_deferral WHERE new.id >= indexed_below) BEGIN
    INSERT INTO stories_fts (rowid, headline, standfirst, body_text, search_tags, search_authors,
                             search_section)
        VALUES (new.id, new.headline, new.standfirst, new.body_text, new.search_tags,
                new.search_authors, new.search_section);
END;
CREATE TRIGGER stories_fts_delete AFTER DELETE ON stories
WHEN old.status = 'published'
    AND NOT EXISTS (SELECT 1 FROM search_deferral WHERE old.id >= indexed_below) BEGIN
    INSERT INTO stories_fts (stories_fts, rowid, headline, standfirst, body_text, search_tags,
                             search_authors, search_section)
        VALUES ('delete', old.id, old.headline, old.standfirst, old.body_text, old.search_tags,
                old.search_authors, old.search_section);
END;
CREATE TRIGGER stories_fts_update
AFTER UPDATE OF id, status, headline, standfirst, body_text, search_tags, search_authors,
    section_id ON stories
WHEN old.status = 'published' OR new.status = 'published' BEGIN
    INSERT INTO stories_fts (stories_fts, rowid, headline, standfirst, body_text, search_tags,
                             search_authors, search_section)
        SELECT 'delete', old.id, old.headline, old.standfirst, old.body_text, old.search_tags,
               old.search_authors, old.search_section WHERE old.status = 'published'
        AND NOT EXISTS (SELECT 1 FROM search_deferral WHERE old.id >= indexed_below);
    INSERT INTO stories_fts (rowid, headline, standfirst, body_text, search_tags, search_authors,
                             search_section)
        SELECT new.id, new.headline, new.standfirst, new.body_text, new.search_tags,
               new.search_authors, new.search_section WHERE new.status = 'published'
        AND NOT EXISTS (SELECT 1 FROM search_deferral WHERE new.id >= indexed_below);
END;
)sql";
}

const std::vector<Migration>& migrations() {
    static const std::string search_without_prefixes =
        std::string(kSearchWithoutPrefixes) + kSearchTriggers10;
    static const std::string search_by_section =
        std::string(kSearchBySection) + search_index_triggers();
    static const std::vector<Migration> all = {
        {1, "initial content model", kInitialSchema},
        {2, "publication times on story links", kLinkPublicationTimes},
        {3, "media renditions", kMediaRenditions},
        {4, "sitemap index on published stories", kSitemapIndex},
        {5, "full-text search of stories", kFullTextSearch},
        {6, "hourly story views", kStoryViews},
        {7, "published stories per month", kStoryMonths},
        {8, "versions on every aggregate; story owner and embargo", kNewsroomEditing},
        {9, "newsroom access control and history", kNewsroomAccess},
        {10, "search index without prefix indexes; deferred indexing for bulk loads",
         search_without_prefixes.c_str()},
        {11, "published stories per tag", kTagStoryCounts},
        {12, "each story's section as a word of the search index", search_by_section.c_str()},
        {13, "imported items; the body format of static pages", kImportedItems},
    };
    return all;
}

}  // namespace dateline::sqlite

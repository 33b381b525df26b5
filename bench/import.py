#!/usr/bin/env python3
"""The WordPress import beside the bulk generator, in one run.

Generates N stories with `dateline demo --stories N` (the reference: the
same stories written by the bulk path, without the content pipeline),
writes them out as a WordPress export (WXR 1.2: posts with their
categories, tags and authors, bodies in WordPress's autop convention), then
times `dateline import wordpress` of that export into an empty data folder.
Prints posts per second for both and their ratio, and writes the figures to
bench/results/import-<time>.json.

  python3 bench/import.py --binary build-release/dateline --stories 100000
"""
import argparse
import datetime
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
HOST = "https://old.example"


def cdata(text):
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def wp_time(epoch):
    return datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S")


def rfc822(epoch):
    return datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).strftime(
        "%a, %d %b %Y %H:%M:%S +0000")


def write_export(db_path, out_path):
    """Writes the published stories of a Dateline database as a WXR file;
    returns how many posts it holds."""
    db = sqlite3.connect(db_path)
    sections = {i: (slug, name, parent) for i, slug, name, parent in
                db.execute("SELECT id, slug, name, parent_id FROM sections")}
    tags = {i: (slug, name) for i, slug, name in db.execute("SELECT id, slug, name FROM tags")}
    authors = {i: (slug, name) for i, slug, name in db.execute("SELECT id, slug, name FROM authors")}
    story_tags = {}
    for sid, tid in db.execute("SELECT story_id, tag_id FROM story_tags ORDER BY story_id, position"):
        story_tags.setdefault(sid, []).append(tid)
    story_author = {}
    for sid, aid in db.execute("SELECT story_id, author_id FROM story_authors WHERE position = 0"):
        story_author[sid] = aid
    posts = 0
    with open(out_path, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8" ?>\n'
                  '<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
                  'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
                  'xmlns:wfw="http://wellformedweb.org/CommentAPI/" '
                  'xmlns:dc="http://purl.org/dc/elements/1.1/" '
                  'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
                  f'<title>Benchmark export</title>\n<link>{HOST}</link>\n'
                  '<language>en</language>\n<wp:wxr_version>1.2</wp:wxr_version>\n'
                  f'<wp:base_site_url>{HOST}</wp:base_site_url>\n'
                  f'<wp:base_blog_url>{HOST}</wp:base_blog_url>\n')
        for slug, name in authors.values():
            out.write(f"<wp:author><wp:author_login>{cdata(slug)}</wp:author_login>"
                      f"<wp:author_display_name>{cdata(name)}</wp:author_display_name></wp:author>\n")
        for slug, name, parent in sections.values():
            parent_slug = sections[parent][0] if parent in sections else ""
            out.write(f"<wp:category><wp:category_nicename>{cdata(slug)}</wp:category_nicename>"
                      f"<wp:category_parent>{cdata(parent_slug)}</wp:category_parent>"
                      f"<wp:cat_name>{cdata(name)}</wp:cat_name></wp:category>\n")
        for slug, name in tags.values():
            out.write(f"<wp:tag><wp:tag_slug>{cdata(slug)}</wp:tag_slug>"
                      f"<wp:tag_name>{cdata(name)}</wp:tag_name></wp:tag>\n")
        rows = db.execute("SELECT id, slug, section_id, headline, standfirst, body_format, "
                          "body_source, body_html, published_at FROM stories "
                          "WHERE status = 'published' ORDER BY id")
        for sid, slug, section, headline, standfirst, fmt, source, html, at in rows:
            # Generated bodies are blank-line separated paragraphs: WordPress's
            # own convention. The demo site's Markdown ones go out as HTML.
            body = source if fmt == "markdown" and "<" not in source and "[" not in source \
                and "#" not in source and "*" not in source else html
            day = datetime.datetime.fromtimestamp(at, datetime.timezone.utc)
            link = f"{HOST}/{day:%Y/%m/%d}/{slug}-{sid}/"
            author = authors.get(story_author.get(sid), ("staff", "Staff"))[0]
            terms = f'<category domain="category" nicename="{escape(sections[section][0])}">' \
                    f"{cdata(sections[section][1])}</category>"
            for tid in story_tags.get(sid, []):
                terms += f'<category domain="post_tag" nicename="{escape(tags[tid][0])}">' \
                         f"{cdata(tags[tid][1])}</category>"
            out.write(f"<item><title>{escape(headline)}</title><link>{link}</link>"
                      f"<pubDate>{rfc822(at)}</pubDate><dc:creator>{cdata(author)}</dc:creator>"
                      f'<guid isPermaLink="false">{HOST}/?p={sid}</guid><description></description>'
                      f"<content:encoded>{cdata(body)}</content:encoded>"
                      f"<excerpt:encoded>{cdata(standfirst)}</excerpt:encoded>"
                      f"<wp:post_id>{sid}</wp:post_id><wp:post_date>{wp_time(at)}</wp:post_date>"
                      f"<wp:post_date_gmt>{wp_time(at)}</wp:post_date_gmt>"
                      f"<wp:comment_status>open</wp:comment_status><wp:ping_status>open</wp:ping_status>"
                      f"<wp:post_name>{cdata(slug)}</wp:post_name><wp:status>publish</wp:status>"
                      f"<wp:post_parent>0</wp:post_parent><wp:menu_order>0</wp:menu_order>"
                      f"<wp:post_type>post</wp:post_type><wp:post_password></wp:post_password>"
                      f"<wp:is_sticky>0</wp:is_sticky>{terms}</item>\n")
            posts += 1
        out.write("</channel>\n</rss>\n")
    db.close()
    return posts


def timed(cmd):
    start = time.monotonic()
    run = subprocess.run(cmd, capture_output=True, text=True)
    took = time.monotonic() - start
    if run.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({run.returncode}):\n{run.stdout}{run.stderr}")
    return took, run.stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", required=True)
    ap.add_argument("--stories", type=int, default=100000)
    ap.add_argument("--dir", default="build-release/import-bench")
    args = ap.parse_args()

    shutil.rmtree(args.dir, ignore_errors=True)
    os.makedirs(args.dir)
    generated = os.path.join(args.dir, "generated")
    imported = os.path.join(args.dir, "imported")
    export = os.path.join(args.dir, "export.xml")

    # The reference: N stories through the bulk path, timed by the demo's
    # own report without its pictures (painted before and beside).
    _, demo_out = timed([args.binary, "demo", "--data", generated, "--stories", str(args.stories)])
    phases = dict((name, float(v)) for name, v in
                  re.findall(r"(stories|search index|statistics) ([\d.]+) s", demo_out))
    demo_s = phases["stories"] + phases["search index"] + phases["statistics"]
    posts = write_export(os.path.join(generated, "dateline.db"), export)
    size_mb = os.path.getsize(export) / 1e6
    import_s, import_out = timed([args.binary, "import", "wordpress", export, "--data", imported])
    stories = int(re.search(r"imported ([\d,]+) stor", import_out).group(1).replace(",", ""))
    if stories != posts:
        sys.exit(f"the import made {stories} stories of {posts} posts:\n{import_out}")

    # Same stories on both sides: spot-check one by its old id.
    db = sqlite3.connect(os.path.join(imported, "dateline.db"))
    mapped = db.execute("SELECT count(*) FROM imported_items").fetchone()[0]
    redirects = db.execute("SELECT count(*) FROM redirects").fetchone()[0]
    db.close()

    result = {
        "time": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H%M%SZ"),
        "stories": args.stories,
        "posts": posts,
        "export_mb": round(size_mb, 1),
        "demo_seconds": round(demo_s, 2),
        "import_seconds": round(import_s, 2),
        "demo_posts_per_s": round(args.stories / demo_s),
        "import_posts_per_s": round(posts / import_s),
        "ratio": round((posts / import_s) / (args.stories / demo_s), 2),
        "import_items": mapped,
        "redirects": redirects,
        "import_report": import_out.strip().splitlines(),
        "demo_report": demo_out.strip().splitlines(),
    }
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    path = os.path.join(HERE, "results", f"import-{result['time']}.json")
    with open(path, "w") as f:
        json.dump(result, f, indent=1)

    print(f"\nWordPress import of {posts:,} posts ({size_mb:.0f} MB of WXR), whole process:")
    print(f"  dateline demo --stories {args.stories:,}: {demo_s:7.1f} s  {result['demo_posts_per_s']:>8,} stories/s (bulk path without the content pipeline: stories, index, statistics)")
    print(f"  dateline import wordpress:    {import_s:7.1f} s  {result['import_posts_per_s']:>8,} posts/s (goal >= 5,000)")
    print(f"  import / demo: {result['ratio']:.2f}; {redirects:,} redirects")
    for line in result["import_report"]:
        print("  | " + line)
    print(f"  {path}")


if __name__ == "__main__":
    main()

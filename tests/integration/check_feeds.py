#!/usr/bin/python3
"""Fetches feeds from a running Dateline and parses them as feed readers do.

Usage: check_feeds.py SERVER SITE_URL SPEC...   where SERVER is where to fetch
from, SITE_URL the site.url the links must start with, SPEC is PATH:KIND:COUNT,
KIND one of rss20, atom10 (parsed by feedparser, which must not set bozo)
or json11 (JSON Feed 1.1, checked field by field: Debian's feedparser 6.0
has no JSON Feed parser), COUNT the number of entries expected ("+" for at
least one). Exits 1 with a message on the first problem.
"""
import datetime
import json
import sys
import urllib.request

import feedparser


def fail(message):
    print("check_feeds: " + message, file=sys.stderr)
    sys.exit(1)


def check_count(path, n, count):
    if count == "+":
        if n < 1:
            fail(f"{path}: no entries")
    elif n != int(count):
        fail(f"{path}: {n} entries, expected {count}")


def check_xml_feed(server, base, path, kind, count):
    d = feedparser.parse(server + path)
    if d.bozo:
        fail(f"{path}: bozo: {d.get('bozo_exception')!r}")
    if d.version != kind:
        fail(f"{path}: version {d.version!r}, expected {kind}")
    if not d.feed.get("title"):
        fail(f"{path}: no feed title")
    check_count(path, len(d.entries), count)
    for e in d.entries:
        if not e.get("link", "").startswith(base + "/"):
            fail(f"{path}: entry link {e.get('link')!r} is not an absolute URL of the site")
        if not e.get("id", "").startswith("tag:"):
            fail(f"{path}: entry id {e.get('id')!r} is not a tag: URI")
        if not e.get("published_parsed"):
            fail(f"{path}: entry {e.get('link')} has no parsable date")
        if kind == "atom10" and not e.get("updated_parsed"):
            fail(f"{path}: entry {e.get('link')} has no updated date")
        for enclosure in e.get("enclosures", []):
            if not enclosure.get("href", "").startswith(base + "/media/"):
                fail(f"{path}: enclosure {enclosure!r} is not a media URL of the site")
            if not enclosure.get("type", "").startswith("image/"):
                fail(f"{path}: enclosure {enclosure!r} has no image type")
            if int(enclosure.get("length", "0")) <= 0:
                fail(f"{path}: enclosure {enclosure!r} has no length")
    dated = [e.published_parsed for e in d.entries]
    if dated != sorted(dated, reverse=True):
        fail(f"{path}: entries are not newest first")
    return sum(1 for e in d.entries if e.get("enclosures"))


def parse_date(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def check_json_feed(server, base, path, count):
    with urllib.request.urlopen(server + path) as r:
        if not r.headers.get("Content-Type", "").startswith("application/feed+json"):
            fail(f"{path}: content type {r.headers.get('Content-Type')}")
        feed = json.loads(r.read().decode("utf-8"))
    if feed.get("version") != "https://jsonfeed.org/version/1.1":
        fail(f"{path}: version {feed.get('version')!r}")
    for key in ("title", "home_page_url", "feed_url"):
        if not isinstance(feed.get(key), str) or not feed[key]:
            fail(f"{path}: missing {key}")
    items = feed.get("items")
    if not isinstance(items, list):
        fail(f"{path}: items is not a list")
    check_count(path, len(items), count)
    for item in items:
        if not isinstance(item.get("id"), str) or not item["id"]:
            fail(f"{path}: an item has no id")
        if "content_html" not in item and "content_text" not in item:
            fail(f"{path}: item {item['id']} has neither content_html nor content_text")
        if not item.get("url", "").startswith(base + "/"):
            fail(f"{path}: item {item['id']} url {item.get('url')!r}")
        parse_date(item["date_published"])
        parse_date(item["date_modified"])
        for author in item.get("authors", []):
            if not author.get("name"):
                fail(f"{path}: item {item['id']} has an author without a name")
    return sum(1 for i in items if i.get("image"))


def main():
    if len(sys.argv) < 4:
        fail("usage: check_feeds.py SERVER SITE_URL PATH:KIND:COUNT...")
    server = sys.argv[1].rstrip("/")
    base = sys.argv[2].rstrip("/")
    for spec in sys.argv[3:]:
        path, kind, count = spec.rsplit(":", 2)
        if kind == "json11":
            images = check_json_feed(server, base, path, count)
        else:
            images = check_xml_feed(server, base, path, kind, count)
        print(f"{path}: ok ({kind}, {images} with images)")


if __name__ == "__main__":
    main()

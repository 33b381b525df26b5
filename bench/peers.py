#!/usr/bin/env python3
"""Dateline beside WordPress serving the same story.

Starts, from one private directory and pinned to the server core: MariaDB
(own datadir and socket, no networking), PHP-FPM (own pool and socket) and
nginx with two loopback servers in front of Debian's WordPress, one passing
every request to PHP and one behind nginx's fastcgi_cache. WordPress is
installed non-interactively and loaded with the stories of `dateline demo
--stories N`, read from Dateline's own database (headline, standfirst, body,
slug, date, section as category, tags). Dateline serves the same data with
one thread, as in bench/run.py. wrk loads the same story on all three with
run.py's settings. Prints one table and writes it as JSON under
bench/results/peers-*.json. Every process started is stopped by its id at the
end, on failure and on Ctrl-C.

Usage: bench/peers.py --binary build-release/dateline [--data DIR]
       [--stories 10000] [--duration 5] [--connections 50,200,1000]
"""
import argparse, datetime, json, os, re, shutil, signal, sqlite3, subprocess, sys, tempfile, time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ in bench/ from importing run.py
from run import free_port, wait_http, fetch, run_wrk, warm  # noqa: E402

WORDPRESS = "/usr/share/wordpress"
PHP_FPM = "/usr/sbin/php-fpm8.2"
# Section ids and tag ids of Dateline become WordPress term ids past these,
# clear of the "Uncategorized" category that wp_install() creates.
SECTION_TERM_BASE = 100
TAG_TERM_BASE = 1000
# The processes that serve each variant, whose CPU time a request costs.
STACKS = {"dateline": ("dateline",), "wordpress": ("nginx", "php-fpm", "mariadbd"),
          "wordpress+fastcgi_cache": ("nginx", "php-fpm", "mariadbd")}
# Uncached WordPress's CPU per request is read from this many requests one
# after another: under wrk, requests still running when it stops would count.
SEQUENTIAL = 10
DB_PASSWORD = "bench-only"  # a socket-only server that lives for one run


class Processes:
    """The servers this run started; all stopped by pid, newest first."""

    def __init__(self):
        self.procs = []

    def start(self, name, cmd, log, **kw):
        out = open(log, "ab")
        p = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True, **kw)
        out.close()
        self.procs.append((name, p))
        return p

    def cpu_seconds(self, names):
        """User and system CPU time so far of the named processes and all
        their descendants (nginx's and PHP-FPM's workers)."""
        parents, ticks = {}, {}
        for pid in os.listdir("/proc"):
            if not pid.isdigit():
                continue
            try:
                with open(f"/proc/{pid}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue  # exited meanwhile
            parents[int(pid)] = int(fields[1])
            ticks[int(pid)] = int(fields[11]) + int(fields[12])
        roots = {p.pid for n, p in self.procs if n in names}

        def in_tree(pid):
            while pid > 1:
                if pid in roots:
                    return True
                pid = parents.get(pid, 0)
            return False
        return sum(t for pid, t in ticks.items() if in_tree(pid)) / os.sysconf("SC_CLK_TCK")

    def check(self):
        for name, p in self.procs:
            if p.poll() is not None:
                raise RuntimeError(f"{name} exited with {p.returncode}")

    def stop(self, only=None):
        """Stops every process, or the one named only."""
        for name, p in reversed(self.procs):
            if only and name != only:
                continue
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
                try:
                    p.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    print(f"{name} (pid {p.pid}) did not stop on SIGTERM; killing it", file=sys.stderr)
                    p.kill()
                    p.wait()
        self.procs = [(n, p) for n, p in self.procs if only and n != only]


def wait_for(predicate, what, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not come up within {timeout} s")


# ---------------------------------------------------------------- MariaDB

def start_mariadb(work, procs, core, as_root):
    datadir = os.path.join(work, "mysql")
    sock = os.path.join(work, "mysql.sock")
    user = ["--user=root"] if as_root else []
    subprocess.run(["mariadb-install-db", "--no-defaults", f"--datadir={datadir}", "--skip-test-db",
                    "--auth-root-authentication-method=socket", *user],
                   check=True, capture_output=True)
    procs.start("mariadbd", ["taskset", "-c", core, "mariadbd", "--no-defaults", *user,
                             f"--datadir={datadir}", f"--socket={sock}", "--skip-networking",
                             f"--pid-file={work}/mariadbd.pid", f"--log-error={work}/mariadbd.log",
                             "--innodb-buffer-pool-size=512M", "--innodb-flush-log-at-trx-commit=2",
                             "--max-connections=500", "--max-allowed-packet=64M"],
                os.path.join(work, "mariadbd.out"))
    wait_for(lambda: procs.check() is None and os.path.exists(sock), "mariadbd")
    mysql(sock, "CREATE DATABASE wordpress CHARACTER SET utf8mb4;"
                f"CREATE USER wordpress@localhost IDENTIFIED BY '{DB_PASSWORD}';"
                "GRANT ALL ON wordpress.* TO wordpress@localhost;")
    return sock


def mysql(sock, sql):
    subprocess.run(["mariadb", "--no-defaults", f"--socket={sock}", "-uroot"], input=sql.encode(),
                   check=True, capture_output=True)


def sql_string(value):
    if value is None:
        return "NULL"
    escaped = (str(value).replace("\\", "\\\\").replace("'", "\\'").replace("\0", "\\0")
               .replace("\n", "\\n").replace("\r", "\\r").replace("\x1a", "\\Z"))
    return f"'{escaped}'"


# ---------------------------------------------------------------- WordPress

WP_CONFIG = """<?php
/* Written by bench/peers.py for one run; Debian's /etc/wordpress is not read. */
define('DB_NAME', 'wordpress');
define('DB_USER', 'wordpress');
define('DB_PASSWORD', '{password}');
define('DB_HOST', 'localhost:{sock}');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
define('WP_HOME', '{home}');
define('WP_SITEURL', '{home}');
define('WP_CONTENT_DIR', '{docroot}/wp-content');
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_DEBUG', false);
define('AUTH_KEY', 'bench'); define('SECURE_AUTH_KEY', 'bench'); define('LOGGED_IN_KEY', 'bench');
define('NONCE_KEY', 'bench'); define('AUTH_SALT', 'bench'); define('SECURE_AUTH_SALT', 'bench');
define('LOGGED_IN_SALT', 'bench'); define('NONCE_SALT', 'bench');
$table_prefix = 'wp_';
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
"""

WP_INSTALL = """<?php
define('WP_INSTALLING', true);
$_SERVER['HTTP_HOST'] = '{host}';
$_SERVER['REQUEST_URI'] = '/';
require '{docroot}/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
$r = wp_install('Dateline peer', 'admin', 'admin@example.invalid', false, '', 'bench-only-password');
if (empty($r['user_id'])) {{ fwrite(STDERR, "wp_install failed\\n"); exit(1); }}
update_option('permalink_structure', '/%category%/%postname%/');
update_option('posts_per_page', 10);
update_option('default_comment_status', 'closed');
echo get_option('template'), "\\n";
"""


def make_docroot(work, home, sock):
    """WordPress's own files from the Debian package, read in place, with a
    wp-config.php of this run's. The entry points are copied (PHP resolves
    a symlinked file's __DIR__ to its target, which would find Debian's
    wp-config.php); wp-admin, wp-includes and the themes are symlinks."""
    docroot = os.path.join(work, "www")
    os.makedirs(os.path.join(docroot, "wp-content", "plugins"))
    os.makedirs(os.path.join(docroot, "wp-content", "uploads"))
    for name in os.listdir(WORDPRESS):
        src = os.path.join(WORDPRESS, name)
        if name in ("wp-config.php", "wp-content"):
            continue
        if os.path.isdir(src):
            os.symlink(src, os.path.join(docroot, name))
        else:
            shutil.copy(src, os.path.join(docroot, name))
    os.symlink(os.path.join(WORDPRESS, "wp-content", "themes"), os.path.join(docroot, "wp-content", "themes"))
    with open(os.path.join(docroot, "wp-config.php"), "w") as f:
        f.write(WP_CONFIG.format(password=DB_PASSWORD, sock=sock, home=home, docroot=docroot))
    for d, _, files in os.walk(docroot):
        os.chmod(d, 0o755)
        for name in files:
            os.chmod(os.path.join(d, name), 0o644)
    return docroot


def install_wordpress(work, docroot, host):
    script = os.path.join(work, "install.php")
    with open(script, "w") as f:
        f.write(WP_INSTALL.format(host=host, docroot=docroot))
    out = subprocess.run(["php", script], check=True, capture_output=True, text=True)
    return out.stdout.strip()


def load_stories(dateline_db, sock):
    """The published stories of Dateline's database as WordPress posts, with
    their sections as categories and their tags, in one SQL batch."""
    db = sqlite3.connect(f"file:{dateline_db}?mode=ro", uri=True)
    sections = db.execute("SELECT id, slug, name, description, parent_id FROM sections").fetchall()
    tags = db.execute("SELECT id, slug, name, description FROM tags").fetchall()
    stories = db.execute(
        "SELECT id, slug, section_id, headline, standfirst, body_html, published_at, "
        "COALESCE(content_updated_at, updated_at) FROM stories WHERE status = 'published'").fetchall()
    story_tags = db.execute("SELECT story_id, tag_id, position FROM story_tags "
                            "WHERE published_at IS NOT NULL").fetchall()
    db.close()

    def when(epoch):
        return sql_string(datetime.datetime.utcfromtimestamp(epoch).strftime("%Y-%m-%d %H:%M:%S"))

    section_count, tag_count = {}, {}
    for s in stories:
        section_count[s[2]] = section_count.get(s[2], 0) + 1
    for st in story_tags:
        tag_count[st[1]] = tag_count.get(st[1], 0) + 1

    sql = ["SET autocommit=0; SET unique_checks=0; SET foreign_key_checks=0;",
           "DELETE FROM wp_posts; DELETE FROM wp_postmeta; DELETE FROM wp_comments; "
           "DELETE FROM wp_commentmeta; DELETE FROM wp_term_relationships;"]
    terms, taxonomy = [], []
    for sid, slug, name, desc, parent in sections:
        tid = SECTION_TERM_BASE + sid
        terms.append(f"({tid},{sql_string(name)},{sql_string(slug)},0)")
        taxonomy.append(f"({tid},{tid},'category',{sql_string(desc)},"
                        f"{SECTION_TERM_BASE + parent if parent else 0},{section_count.get(sid, 0)})")
    for tid0, slug, name, desc in tags:
        tid = TAG_TERM_BASE + tid0
        terms.append(f"({tid},{sql_string(name)},{sql_string(slug)},0)")
        taxonomy.append(f"({tid},{tid},'post_tag',{sql_string(desc)},0,{tag_count.get(tid0, 0)})")
    sql.append("INSERT INTO wp_terms (term_id,name,slug,term_group) VALUES " + ",".join(terms) + ";")
    sql.append("INSERT INTO wp_term_taxonomy (term_taxonomy_id,term_id,taxonomy,description,parent,count) "
               "VALUES " + ",".join(taxonomy) + ";")

    cols = ("ID,post_author,post_date,post_date_gmt,post_content,post_title,post_excerpt,post_status,"
            "comment_status,ping_status,post_password,post_name,to_ping,pinged,post_modified,"
            "post_modified_gmt,post_content_filtered,post_parent,guid,menu_order,post_type,"
            "post_mime_type,comment_count")
    rels = []
    batch = []
    for sid, slug, section, headline, standfirst, body, published, modified in stories:
        batch.append(f"({sid},1,{when(published)},{when(published)},{sql_string(body)},"
                     f"{sql_string(headline)},{sql_string(standfirst)},'publish','closed','closed','',"
                     f"{sql_string(slug[:200])},'','',{when(modified)},{when(modified)},'',0,"
                     f"{sql_string(f'http://dateline.invalid/?p={sid}')},0,'post','',0)")
        rels.append(f"({sid},{SECTION_TERM_BASE + section},0)")
        if len(batch) == 500:
            sql.append(f"INSERT INTO wp_posts ({cols}) VALUES " + ",".join(batch) + ";")
            batch = []
    if batch:
        sql.append(f"INSERT INTO wp_posts ({cols}) VALUES " + ",".join(batch) + ";")
    rels += [f"({story},{TAG_TERM_BASE + tag},{pos})" for story, tag, pos in story_tags]
    for i in range(0, len(rels), 5000):
        sql.append("INSERT INTO wp_term_relationships (object_id,term_taxonomy_id,term_order) VALUES "
                   + ",".join(rels[i:i + 5000]) + ";")
    sql.append("COMMIT;")
    mysql(sock, "USE wordpress;\n" + "\n".join(sql))
    return len(stories)


# ---------------------------------------------------------------- PHP-FPM and nginx

PHP_FPM_CONF = """
[global]
pid = {dir}/php-fpm.pid
error_log = {dir}/php-fpm.log
daemonize = no

[bench]
{user}
listen = {dir}/php-fpm.sock
listen.mode = 0666
pm = static
pm.max_children = {children}
pm.max_requests = 0
pm.status_path = /fpm-status
clear_env = yes
"""

NGINX_CONF = """
worker_processes 1;
worker_cpu_affinity {affinity};
worker_rlimit_nofile 16384;
pid {dir}/nginx.pid;
error_log {dir}/nginx-error.log warn;
events {{ worker_connections 8192; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    sendfile on; tcp_nopush on; tcp_nodelay on;
    keepalive_requests 1000000;
    keepalive_timeout 65;
    gzip on;
    client_body_temp_path {dir}/nginx-tmp/body;
    fastcgi_temp_path {dir}/nginx-tmp/fastcgi;
    proxy_temp_path {dir}/nginx-tmp/proxy;
    uwsgi_temp_path {dir}/nginx-tmp/uwsgi;
    scgi_temp_path {dir}/nginx-tmp/scgi;
    fastcgi_cache_path {dir}/fastcgi-cache levels=1:2 keys_zone=wordpress:16m max_size=256m inactive=60m;
    fastcgi_cache_key "$scheme$request_method$host$request_uri";
    upstream php {{ server unix:{dir}/php-fpm.sock; keepalive 16; }}

    # WordPress sends visitors to its home URL's host and port, so both
    # servers tell PHP they are that one.
    server {{
        listen 127.0.0.1:{port_uncached} backlog=4096;
        root {docroot};
        index index.php;
        location / {{ try_files $uri $uri/ /index.php?$args; }}
        location ~ \\.php$ {{
            include /etc/nginx/fastcgi_params;
            fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;
            fastcgi_param HTTP_HOST {home_host};
            fastcgi_param SERVER_PORT {home_port};
            fastcgi_keep_conn on;
            fastcgi_pass php;
        }}
        location = /fpm-status {{
            include /etc/nginx/fastcgi_params;
            fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;
            fastcgi_pass php;
        }}
    }}

    # The usual page cache for WordPress: anonymous GETs without a query
    # string are kept for ten minutes; logged-in users and POSTs bypass it.
    server {{
        listen 127.0.0.1:{port_cached} backlog=4096;
        root {docroot};
        index index.php;
        set $skip_cache 0;
        if ($request_method = POST) {{ set $skip_cache 1; }}
        if ($query_string != "") {{ set $skip_cache 1; }}
        if ($http_cookie ~* "comment_author|wordpress_[a-f0-9]+|wp-postpass|wordpress_no_cache|wordpress_logged_in") {{
            set $skip_cache 1;
        }}
        location / {{ try_files $uri $uri/ /index.php?$args; }}
        location ~ \\.php$ {{
            include /etc/nginx/fastcgi_params;
            fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;
            fastcgi_param HTTP_HOST {home_host};
            fastcgi_param SERVER_PORT {home_port};
            fastcgi_keep_conn on;
            fastcgi_pass php;
            fastcgi_cache wordpress;
            fastcgi_cache_valid 200 301 302 10m;
            fastcgi_cache_lock on;
            fastcgi_cache_use_stale updating error timeout;
            fastcgi_cache_bypass $skip_cache;
            fastcgi_no_cache $skip_cache;
            add_header X-Cache $upstream_cache_status;
        }}
    }}
}}
"""


def start_php_fpm(work, procs, core, as_root, children):
    conf = os.path.join(work, "php-fpm.conf")
    with open(conf, "w") as f:
        f.write(PHP_FPM_CONF.format(dir=work, children=children,
                                    user="user = nobody\ngroup = nogroup" if as_root else ""))
    sock = os.path.join(work, "php-fpm.sock")
    if os.path.exists(sock):
        os.unlink(sock)
    procs.start("php-fpm", ["taskset", "-c", core, PHP_FPM, "--nodaemonize", "--fpm-config", conf],
                os.path.join(work, "php-fpm.out"))
    wait_for(lambda: procs.check() is None and os.path.exists(sock), "php-fpm")


def start_nginx(work, procs, core, docroot, port_uncached, port_cached):
    """The uncached server's address is WordPress's home URL."""
    os.makedirs(os.path.join(work, "nginx-tmp"))
    conf = os.path.join(work, "nginx.conf")
    with open(conf, "w") as f:
        f.write(NGINX_CONF.format(dir=work, docroot=docroot, home_host=f"127.0.0.1:{port_uncached}",
                                  home_port=port_uncached, affinity="01" if core == "0" else "10",
                                  port_uncached=port_uncached, port_cached=port_cached))
    procs.start("nginx", ["nginx", "-e", os.path.join(work, "nginx-error.log"), "-c", conf,
                          "-g", "daemon off;"], os.path.join(work, "nginx.out"))


def php_idle(status_url, timeout):
    """Whether PHP-FPM runs or queues no request but the status request
    itself within timeout seconds."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(status_url, timeout=timeout) as r:
                status = json.load(r)
        except OSError:
            return False
        if status["active processes"] <= 1 and status["listen queue"] == 0:
            return True
        time.sleep(0.2)
    return False


def fetch_checked(url, expect_text):
    """The page at url, which must answer 200 itself (no redirect) and hold
    expect_text (WordPress marks a single post's page with the class
    postid-ID; its headline may be typographically changed); returns the
    body and headers."""
    with urllib.request.urlopen(url, timeout=30) as r:
        body, headers = r.read(), dict(r.headers)
        if r.geturl() != url:
            raise RuntimeError(f"{url} redirected to {r.geturl()}")
    if expect_text.encode() not in body:
        raise RuntimeError(f"{url} does not show {expect_text!r}")
    return body, headers


# ---------------------------------------------------------------- the run

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--stories", type=int, default=10000)
    ap.add_argument("--duration", type=int, default=5)
    ap.add_argument("--connections", default="50,200,1000")
    ap.add_argument("--php-children", type=int, default=8,
                    help="PHP-FPM workers (pm = static), all on the server core")
    ap.add_argument("--out", default=os.path.join(HERE, "results"))
    ap.add_argument("--data", default=None, help="reuse this data folder (generated when empty)")
    ap.add_argument("--hold", type=int, default=0,
                    help="keep the servers up this many seconds before measuring, to look at them")
    args = ap.parse_args()
    conns = [int(c) for c in args.connections.split(",")]
    cores = os.cpu_count() or 1
    server_core, load_core = ("0", "1") if cores >= 2 else ("0", "0")
    as_root = os.geteuid() == 0
    for tool in ("mariadb-install-db", "mariadbd", "mariadb", "php", PHP_FPM, "nginx", "wrk"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is missing: run scripts/install-peer-deps.sh")
    if not os.path.exists(os.path.join(WORDPRESS, "wp-settings.php")):
        sys.exit("Debian's wordpress is missing: run scripts/install-peer-deps.sh")

    work = tempfile.mkdtemp(prefix="dateline-peers-")
    os.chmod(work, 0o755)  # nginx's and PHP-FPM's workers run as nobody
    procs = Processes()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        data = args.data or os.path.join(work, "data")
        if not os.path.exists(os.path.join(data, "dateline.db")):
            t0 = time.time()
            subprocess.run([args.binary, "demo", "--data", data, "--stories", str(args.stories)],
                           check=True, capture_output=True)
            print(f"generated {args.stories} stories in {time.time() - t0:.1f} s", file=sys.stderr)

        # Dateline, as bench/run.py starts it.
        port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("DATELINE_")}
        env.update({"DATELINE_SERVER_THREADS": "1", "DATELINE_SERVER_ACCESS_LOG": "off"})
        procs.start("dateline", ["taskset", "-c", server_core, args.binary, "serve", "--data", data,
                                 "--listen", f"127.0.0.1:{port}"], os.path.join(work, "dateline.out"),
                    env=env)
        base = f"http://127.0.0.1:{port}"
        wait_http(base + "/healthz")
        home, _ = fetch(base + "/")
        story_path = re.search(rb'<article class="lead">.*?href="(/[^"]+)"', home, re.S).group(1).decode()
        story_id = int(story_path.rsplit("-", 1)[1])
        db = sqlite3.connect(f"file:{os.path.join(data, 'dateline.db')}?mode=ro", uri=True)
        slug, section = db.execute(
            "SELECT s.slug, c.slug FROM stories s JOIN sections c ON c.id = s.section_id "
            "WHERE s.id = ?", (story_id,)).fetchone()
        db.close()
        dateline_body, _ = fetch(base + story_path)

        # WordPress: database, files, install, stories, PHP, nginx.
        t0 = time.time()
        sock = start_mariadb(work, procs, server_core, as_root)
        port_uncached, port_cached = free_port(), free_port()
        docroot = make_docroot(work, f"http://127.0.0.1:{port_uncached}", sock)
        theme = install_wordpress(work, docroot, f"127.0.0.1:{port_uncached}")
        posts = load_stories(os.path.join(data, "dateline.db"), sock)
        print(f"WordPress installed (theme {theme}) with {posts} stories in {time.time() - t0:.1f} s",
              file=sys.stderr)
        start_php_fpm(work, procs, server_core, as_root, args.php_children)
        start_nginx(work, procs, server_core, docroot, port_uncached, port_cached)
        wp_path = f"/{section}/{slug}/"
        urls = {"dateline": base + story_path,
                "wordpress": f"http://127.0.0.1:{port_uncached}{wp_path}",
                "wordpress+fastcgi_cache": f"http://127.0.0.1:{port_cached}{wp_path}"}
        status_url = f"http://127.0.0.1:{port_uncached}/fpm-status?json"
        wait_http(status_url, timeout=30)
        sizes = {"dateline": len(dateline_body)}
        for name in ("wordpress", "wordpress+fastcgi_cache"):
            body, headers = fetch_checked(urls[name], f"postid-{story_id}")
            sizes[name] = len(body)
        _, headers = fetch_checked(urls["wordpress+fastcgi_cache"], f"postid-{story_id}")
        if headers.get("X-Cache") != "HIT":
            raise RuntimeError(f"the fastcgi_cache server did not answer from its cache: {headers}")
        print(f"story {story_id}: dateline {urls['dateline']} ({sizes['dateline']} bytes), "
              f"wordpress {wp_path} ({sizes['wordpress']} bytes)", file=sys.stderr)

        if args.hold:
            print(f"holding {args.hold} s: {urls}, files in {work}", file=sys.stderr)
            time.sleep(args.hold)

        rows, sequential = [], {}
        for gz in (False, True):
            for name in ("dateline", "wordpress+fastcgi_cache"):
                warm(urls[name], gz, load_core)
            warm_php(urls["wordpress"], gz)
            cpu = procs.cpu_seconds(STACKS["wordpress"])
            for _ in range(SEQUENTIAL):
                fetch(urls["wordpress"], gz)
            sequential[enc(gz)] = (procs.cpu_seconds(STACKS["wordpress"]) - cpu) * 1000 / SEQUENTIAL
            for c in conns:
                row = {"encoding": enc(gz), "connections": c}
                for name, url in urls.items():
                    procs.check()
                    cpu = procs.cpu_seconds(STACKS[name])
                    row[name] = run_wrk(url, c, args.duration, gz, load_core)
                    served = row[name]["rps"] * args.duration
                    row[name]["cpu_s"] = procs.cpu_seconds(STACKS[name]) - cpu
                    row[name]["cpu_ms_per_request"] = row[name]["cpu_s"] * 1000 / served if served else None
                    # Requests that wrk gave up on still run to their end in
                    # PHP and would take the server core from the next
                    # measurement: wait for them briefly, else drop them.
                    if not php_idle(status_url, timeout=15):
                        print("PHP-FPM still busy 15 s after wrk: restarted", file=sys.stderr)
                        procs.stop("php-fpm")
                        start_php_fpm(work, procs, server_core, as_root, args.php_children)
                        warm_php(urls["wordpress"], gz)
                d = row["dateline"]["rps"]
                row["ratio_uncached"] = d / row["wordpress"]["rps"] if row["wordpress"]["rps"] else None
                row["ratio_cached"] = (d / row["wordpress+fastcgi_cache"]["rps"]
                                       if row["wordpress+fastcgi_cache"]["rps"] else None)
                rows.append(row)
                print(" | ".join(f"{n} {row[n]['rps']:.0f} req/s p99 {row[n]['p99_ms'] or 0:.1f} ms "
                                 f"{row[n]['errors']}" for n in urls), file=sys.stderr)

        result = {"date": datetime.datetime.utcnow().strftime("%Y-%m-%dT%H:%M:%SZ"),
                  "stories": args.stories, "duration_s": args.duration, "cores": cores,
                  "server_core": server_core, "load_core": load_core,
                  "php_children": args.php_children, "wordpress_theme": theme,
                  "wordpress_version": wordpress_version(), "story_id": story_id,
                  "paths": {"dateline": story_path, "wordpress": wp_path}, "bytes": sizes,
                  "rows": rows, "cpu_ms_per_request": cpu_per_request(rows, sequential, args.duration)}
        os.makedirs(args.out, exist_ok=True)
        out = os.path.join(args.out, f"peers-{result['date'].replace(':', '')}.json")
        with open(out, "w") as f:
            json.dump(result, f, indent=1)
        print_table(result)
        print(f"\nwritten to {out}")
    except Exception:
        show_logs(work)
        raise
    finally:
        procs.stop()
        shutil.rmtree(work, ignore_errors=True)


def enc(gzip_ok):
    return "gzip" if gzip_ok else "identity"


def cpu_per_request(rows, sequential, duration):
    """Server CPU milliseconds per request of each variant and encoding:
    over all of wrk's cells for the two that keep up, one request at a time
    for uncached WordPress. Unlike req/s, it hardly depends on what else
    the shared machine is running."""
    out = {}
    for e, wp in sequential.items():
        mine = [r for r in rows if r["encoding"] == e]
        per = {"wordpress": wp}
        for name in ("dateline", "wordpress+fastcgi_cache"):
            served = sum(r[name]["rps"] * duration for r in mine)
            per[name] = sum(r[name]["cpu_s"] for r in mine) * 1000 / served if served else None
        out[e] = per
    return out


def show_logs(work):
    """The end of each server's log, to say why a run failed."""
    for name in sorted(os.listdir(work)):
        if name.endswith((".log", ".out")):
            with open(os.path.join(work, name), errors="replace") as f:
                tail = f.readlines()[-5:]
            if tail:
                print(f"--- {name}\n" + "".join(tail), file=sys.stderr, end="")


def warm_php(url, gzip_ok):
    """Uncached WordPress is warmed one request at a time (OPcache, MariaDB's
    buffer pool): wrk's warm-up at 50 connections would leave a queue."""
    for _ in range(10):
        fetch(url, gzip_ok)


def wordpress_version():
    with open(os.path.join(WORDPRESS, "wp-includes", "version.php")) as f:
        return re.search(r"\$wp_version = '([^']+)'", f.read()).group(1)


def print_table(result):
    print(f"\nDateline vs WordPress {result['wordpress_version']} ({result['wordpress_theme']}), "
          f"one story page ({result['stories']} stories, {result['duration_s']} s per cell; "
          f"servers on core {result['server_core']}, wrk on core {result['load_core']}; "
          f"PHP-FPM {result['php_children']} workers)")
    names = ("dateline", "wordpress", "wordpress+fastcgi_cache")
    labels = ("dateline", "wp uncached", "wp fastcgi_cache")
    head = f"{'enc':8} {'conns':>5} | " + " | ".join(f"{l:>16} {'p50':>7} {'p99':>7}" for l in labels) \
        + f" | {'x uncached':>10} {'x cached':>8}"
    print(head)
    print("-" * len(head))
    for r in result["rows"]:
        cells = " | ".join(f"{r[n]['rps']:>12.0f} r/s {fmt_ms(r[n]['p50_ms'])} {fmt_ms(r[n]['p99_ms'])}"
                           for n in names)
        print(f"{r['encoding']:8} {r['connections']:>5} | {cells} | "
              f"{fmt_ratio(r['ratio_uncached'], 10, 1)} {fmt_ratio(r['ratio_cached'], 8, 2)}")
    print("\nserver CPU per request (all its processes; uncached WordPress one request at a time):")
    for e, per in result["cpu_ms_per_request"].items():
        d = per["dateline"]
        print(f"  {e:8} " + ", ".join(
            f"{l} " + (f"{per[n]:.3f} ms" if per[n] is not None else "-")
            + (f" ({per[n] / d:.1f}x dateline)" if n != "dateline" and d and per[n] is not None else "")
            for n, l in zip(names, labels)))
    errors = [(r["encoding"], r["connections"], n, r[n]["errors"]) for r in result["rows"] for n in names
              if r[n]["errors"]]
    for enc, c, n, e in errors:
        print(f"  {n} {enc} c={c}: {e.strip()}")


def fmt_ratio(v, width, decimals):
    return f"{v:>{width}.{decimals}f}" if v is not None else f"{'-':>{width}}"


def fmt_ms(v):
    return f"{v:>7.2f}" if v is not None else f"{'-':>7}"


if __name__ == "__main__":
    main()

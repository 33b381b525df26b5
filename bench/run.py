#!/usr/bin/env python3
"""Dateline's load benchmark: Dateline beside nginx serving the very same bytes.

Generates a site with `dateline demo --stories N`, starts Dateline on loopback
and, in the same run, Debian's nginx serving the pages saved from Dateline as
static files (identity and gzip). wrk loads each at several keep-alive
concurrencies, with the servers and the load generator pinned to separate
cores. Prints one table and writes the same as JSON under bench/results/.

Usage: bench/run.py --binary build-release/dateline [--stories 10000]
       [--duration 5] [--connections 50,200,1000] [--out bench/results]
"""
import argparse, datetime, gzip, json, os, re, shutil, signal, socket, sqlite3, subprocess, sys, tempfile, time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                return r.status
        except Exception:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer")


def fetch(url, gzip_ok=False):
    req = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    with urllib.request.urlopen(req) as r:
        return r.read(), dict(r.headers)


def parse_wrk(text):
    """req/s and latency percentiles (ms) from `wrk --latency` output."""
    def ms(value):
        m = re.match(r"([\d.]+)(us|ms|s)", value)
        n = float(m.group(1))
        return n / 1000 if m.group(2) == "us" else n * 1000 if m.group(2) == "s" else n
    out = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))}
    for pct in ("50", "99"):
        m = re.search(rf"^\s+{pct}(?:\.0+)?%\s+(\S+)", text, re.M)
        out[f"p{pct}_ms"] = ms(m.group(1)) if m else None
    errors = re.search(r"Socket errors: (.*)", text)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    out["errors"] = (errors.group(1) if errors else "") + (f" non2xx={non2xx.group(1)}" if non2xx else "")
    return out


def run_wrk(url, connections, duration, gzip_ok, load_core):
    threads = 1 if connections < 100 else 2
    cmd = ["taskset", "-c", load_core, "wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s",
           "--latency", "--timeout", "5s"]
    if gzip_ok:
        cmd += ["-H", "Accept-Encoding: gzip"]
    cmd.append(url)
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return parse_wrk(out)


def warm(url, gzip_ok, load_core, server=None, server_log=None):
    """One short run first, so that neither server is measured cold."""
    if server is not None and server.poll() is not None:
        sys.exit(f"Dateline exited with status {server.returncode}; its log: {server_log}")
    run_wrk(url, 50, 1, gzip_ok, load_core)


NGINX_CONF = """
worker_processes 1;
worker_cpu_affinity {affinity};
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    sendfile on; tcp_nopush on; tcp_nodelay on;
    keepalive_requests 1000000;
    keepalive_timeout 65;
    open_file_cache max=100 inactive=60s;
    types {{ text/html html; application/rss+xml xml; }}
    server {{
        listen 127.0.0.1:{port} reuseport backlog=4096;
        root {dir}/www;
        gzip_static on;
        location / {{ default_type text/html; }}
    }}
}}
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--stories", type=int, default=10000)
    ap.add_argument("--duration", type=int, default=5)
    ap.add_argument("--connections", default="50,200,1000")
    ap.add_argument("--out", default=os.path.join(HERE, "results"))
    ap.add_argument("--data", default=None, help="reuse this data folder (generated when empty)")
    args = ap.parse_args()
    conns = [int(c) for c in args.connections.split(",")]
    cores = os.cpu_count() or 1
    server_core, load_core = ("0", "1") if cores >= 2 else ("0", "0")

    work = tempfile.mkdtemp(prefix="dateline-bench-")
    os.chmod(work, 0o755)  # nginx's workers run as nobody
    data = args.data or os.path.join(work, "data")
    procs = []
    try:
        if not os.path.exists(os.path.join(data, "dateline.db")):
            t0 = time.time()
            subprocess.run([args.binary, "demo", "--data", data, "--stories", str(args.stories)],
                           check=True, capture_output=True)
            print(f"generated {args.stories} stories in {time.time() - t0:.1f} s", file=sys.stderr)

        port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("DATELINE_")}
        env.update({"DATELINE_SERVER_THREADS": "1", "DATELINE_SERVER_ACCESS_LOG": "off"})
        server_log = open(os.path.join(work, "dateline.log"), "w")
        dl = subprocess.Popen(["taskset", "-c", server_core, args.binary, "serve", "--data", data,
                               "--listen", f"127.0.0.1:{port}"], env=env,
                              stdout=server_log, stderr=subprocess.STDOUT)
        procs.append(dl)
        base = f"http://127.0.0.1:{port}"
        wait_http(base + "/healthz")

        # The pages under test, saved from Dateline for nginx.
        home, _ = fetch(base + "/")
        story_path = re.search(rb'<article class="lead">.*?href="(/[^"]+)"', home, re.S).group(1).decode()
        pages = {"home": "/", "story": story_path, "feed": "/feed.xml"}
        # nginx serves each as a file whose extension gives its content type.
        files = {"home": "home.html", "story": "story.html", "feed": "feed.xml"}
        www = os.path.join(work, "www")
        for name, path in pages.items():
            body, _ = fetch(base + path)
            target = os.path.join(www, files[name])
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as f:
                f.write(body)
            # Dateline's own gzip bytes, so that both send the same body.
            packed, headers = fetch(base + path, gzip_ok=True)
            if headers.get("Content-Encoding") != "gzip":
                packed = gzip.compress(body, 6)
            with open(target + ".gz", "wb") as f:
                f.write(packed)

        nport = free_port()
        conf = os.path.join(work, "nginx.conf")
        with open(conf, "w") as f:
            f.write(NGINX_CONF.format(dir=work, port=nport,
                                      affinity="01" if server_core == "0" else "10"))
        ng = subprocess.Popen(["nginx", "-c", conf, "-g", "daemon off;"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        procs.append(ng)
        nbase = f"http://127.0.0.1:{nport}"
        wait_http(nbase + "/home.html")

        rows = []
        for name, path in pages.items():
            for gz in (False, True):
                warm(base + path, gz, load_core, dl, server_log.name)
                warm(f"{nbase}/{files[name]}", gz, load_core)
                for c in conns:
                    d = run_wrk(base + path, c, args.duration, gz, load_core)
                    n = run_wrk(f"{nbase}/{files[name]}", c, args.duration, gz, load_core)
                    rows.append({"page": name, "encoding": "gzip" if gz else "identity",
                                 "connections": c, "dateline": d, "nginx": n,
                                 "ratio_rps": d["rps"] / n["rps"] if n["rps"] else None,
                                 "ratio_p99": (d["p99_ms"] / n["p99_ms"]) if n["p99_ms"] else None})
                    r = rows[-1]
                    print(f"{name:6} {r['encoding']:8} c={c:<5} dateline {d['rps']:>9.0f} req/s "
                          f"p50 {d['p50_ms']:.2f} p99 {d['p99_ms']:.2f} ms | nginx {n['rps']:>9.0f} "
                          f"p50 {n['p50_ms']:.2f} p99 {n['p99_ms']:.2f} ms | ratio {r['ratio_rps']:.2f}"
                          f" p99x {r['ratio_p99']:.2f} {d['errors']}", file=sys.stderr)

        publish = measure_publish(base, story_path, os.path.join(data, "dateline.db"))
        print(f"publish to visible (another process writes, the next request is fresh): "
              f"p50 {publish['p50_ms']:.1f} ms, max {publish['max_ms']:.1f} ms over "
              f"{publish['runs']} runs", file=sys.stderr)
        publish_api = measure_publish_api(base, story_path, args.binary, data)
        print(f"publish through the admin API: answer p50 {publish_api['p50_ms']:.1f} ms, "
              f"max {publish_api['max_ms']:.1f} ms; the next request was fresh "
              f"{publish_api['fresh_next']} of {publish_api['runs']} times", file=sys.stderr)

        result = {"date": datetime.datetime.utcnow().strftime("%Y-%m-%dT%H:%M:%SZ"),
                  "stories": args.stories, "duration_s": args.duration, "cores": cores,
                  "server_core": server_core, "load_core": load_core, "rows": rows,
                  "publish_to_visible": publish, "publish_api": publish_api}
        os.makedirs(args.out, exist_ok=True)
        out = os.path.join(args.out, f"load-{result['date'].replace(':', '')}.json")
        with open(out, "w") as f:
            json.dump(result, f, indent=1)
        print_table(result)
        p = result["publish_to_visible"]
        print(f"\npublish to visible: p50 {p['p50_ms']:.1f} ms, max {p['max_ms']:.1f} ms ({p['runs']} runs)")
        a = result["publish_api"]
        print(f"publish through the admin API to visible: p50 {a['p50_ms']:.1f} ms, "
              f"max {a['max_ms']:.1f} ms; fresh on the next request {a['fresh_next']}/{a['runs']}")
        print(f"\nwritten to {out}")
    finally:
        for p in procs:
            p.send_signal(signal.SIGTERM)
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                p.kill()
        shutil.rmtree(work, ignore_errors=True)


def measure_publish(base, story_path, db_path, runs=20):
    """Edits a story's headline from another process (as the CLI or another
    node would), appends its change-log entry, and times until the server
    answers with the new headline."""
    story_id = int(story_path.rsplit("-", 1)[1])
    times = []
    db = sqlite3.connect(db_path, timeout=10)
    try:
        for i in range(runs):
            marker = f"Publish check {i} {time.time():.6f}"
            start = time.perf_counter()
            with db:
                db.execute("UPDATE stories SET headline = ? WHERE id = ?", (marker, story_id))
                db.execute("INSERT INTO changes (keys, at) VALUES (?, strftime('%s','now'))",
                           (f"story:{story_id} latest",))
            while True:
                body, _ = fetch(base + story_path)
                if marker.encode() in body:
                    break
                if time.perf_counter() - start > 5:
                    raise RuntimeError("a publish did not become visible within 5 s")
            times.append((time.perf_counter() - start) * 1000)
    finally:
        db.close()
    times.sort()
    return {"runs": runs, "p50_ms": times[len(times) // 2], "max_ms": times[-1]}


def measure_publish_api(base, story_path, binary, data, runs=20):
    """Edits a published story through the admin API as an editor and times
    from sending the change until a page request shows it; counts how often
    the very next request after the API's answer was already fresh."""
    email, password = "bench.editor@example.test", "bench editor passphrase"
    subprocess.run([binary, "user", "add", "--data", data, "--email", email, "--name",
                    "Bench Editor", "--role", "editor", "--password-stdin"],
                   input=password + "\n", text=True, capture_output=True)  # exists on reuse
    api = base + "/api/admin/v1"

    def call(method, path, body=None, headers=None):
        req = urllib.request.Request(api + path, method=method, headers=headers or {},
                                     data=json.dumps(body).encode() if body is not None else None)
        req.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.headers, json.loads(r.read() or b"null")

    headers, session = call("POST", "/session", {"email": email, "password": password})
    auth = {"Cookie": headers["Set-Cookie"].split(";")[0], "X-CSRF-Token": session["csrf_token"]}
    story_id = int(story_path.rsplit("-", 1)[1])
    _, story = call("GET", f"/stories/{story_id}", headers=auth)
    version = story["version"]
    times, fresh_next = [], 0
    for i in range(runs):
        marker = f"API publish check {i} {time.time():.6f}"
        start = time.perf_counter()
        _, saved = call("PATCH", f"/stories/{story_id}", {"version": version, "headline": marker},
                        headers=auth)
        version = saved["version"]
        first = True
        while True:
            body, _ = fetch(base + story_path)
            if marker.encode() in body:
                fresh_next += first
                break
            first = False
            if time.perf_counter() - start > 5:
                raise RuntimeError("an API publish did not become visible within 5 s")
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {"runs": runs, "p50_ms": times[len(times) // 2], "max_ms": times[-1],
            "fresh_next": fresh_next}


def print_table(result):
    print(f"\nDateline vs nginx serving the same bytes ({result['stories']} stories, "
          f"{result['duration_s']} s per cell, server on core {result['server_core']}, "
          f"wrk on core {result['load_core']})")
    head = f"{'page':6} {'enc':8} {'conns':>5} | {'dateline r/s':>12} {'p50':>6} {'p99':>7} | " \
           f"{'nginx r/s':>10} {'p50':>6} {'p99':>7} | {'r/s ratio':>9} {'p99 ratio':>9}"
    print(head)
    print("-" * len(head))
    for r in result["rows"]:
        d, n = r["dateline"], r["nginx"]
        print(f"{r['page']:6} {r['encoding']:8} {r['connections']:>5} | {d['rps']:>12.0f} "
              f"{d['p50_ms']:>6.2f} {d['p99_ms']:>7.2f} | {n['rps']:>10.0f} {n['p50_ms']:>6.2f} "
              f"{n['p99_ms']:>7.2f} | {r['ratio_rps']:>9.2f} {r['ratio_p99']:>9.2f}")


if __name__ == "__main__":
    main()

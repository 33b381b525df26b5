#!/usr/bin/env python3
"""The scaling table: the same figures at several archive sizes, so that
anything that grows with the archive shows.

For each size it generates a site once (kept in DIR/scale-N and reused),
then measures: generation time; the micro-benchmarks (cache-miss renders,
hit, publish); start-up to the first answered request; the server's peak
resident memory after a wrk load over many different pages; and database
size.

Usage: bench/scale.py --binary build-release/dateline --bench build-release/bench/dateline_bench
       [--sizes 10000,100000,1000000] [--dir build-release]
"""
import argparse, json, os, re, signal, socket, subprocess, sys, time, urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def generate(binary, data, n):
    if os.path.exists(os.path.join(data, "dateline.db")):
        return None
    t0 = time.time()
    subprocess.run([binary, "demo", "--data", data, "--stories", str(n)], check=True,
                   capture_output=True)
    return time.time() - t0


def micro(bench, data):
    # BENCH_FILTER narrows the run (a full one at 1M regenerates every feed
    # and sitemap from a cold disk, which takes minutes).
    extra = [f"--benchmark_filter={os.environ['BENCH_FILTER']}"] if os.environ.get("BENCH_FILTER") else []
    out = subprocess.run(["taskset", "-c", "0", bench, "--benchmark_format=json",
                          "--benchmark_min_time=1"] + extra, env={**os.environ, "DATELINE_BENCH_DATA": data},
                         capture_output=True, text=True, check=True).stdout
    results = {}
    for b in json.loads(out)["benchmarks"]:
        results[b["name"]] = b["real_time"] / (1000 if b["time_unit"] == "ns" else 1)  # us
        if "p99_us" in b:
            results[b["name"] + ":p99"] = b["p99_us"]
    return results


def serve_and_load(binary, data, load_core="1"):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DATELINE_")}
    env.update({"DATELINE_SERVER_ACCESS_LOG": "off", "DATELINE_SERVER_THREADS": "1"})
    t0 = time.time()
    proc = subprocess.Popen(["taskset", "-c", "0", binary, "serve", "--data", data, "--listen",
                             f"127.0.0.1:{port}"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    while True:
        try:
            urllib.request.urlopen(base + "/", timeout=5).read()
            break
        except Exception:
            if time.time() - t0 > 60:
                raise
            time.sleep(0.01)
    startup = time.time() - t0
    # Load spread over many pages (every section's pages 1-50) so the cache fills.
    script = os.path.join(data, "paths.lua")
    with open(script, "w") as f:
        f.write('local n = 0\nlocal sections = {"nation","world","politics","business",'
                '"technology","science","health","sports","culture","opinion","explainers"}\n'
                'request = function()\n  n = n + 1\n'
                '  local s = sections[(n % #sections) + 1]\n'
                '  local p = (n % 50) + 1\n'
                '  if p == 1 then return wrk.format("GET", "/" .. s) end\n'
                '  return wrk.format("GET", "/" .. s .. "?page=" .. p)\nend\n')
    subprocess.run(["taskset", "-c", load_core, "wrk", "-t1", "-c50", "-d5s", "-s", script, base],
                   capture_output=True, check=True)
    with open(f"/proc/{proc.pid}/status") as f:
        status = f.read()
    rss_mb = int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=20)
    return startup, rss_mb


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--bench", required=True)
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--dir", default="build-release")
    args = ap.parse_args()
    rows = []
    for n in (int(s) for s in args.sizes.split(",")):
        data = os.path.join(args.dir, f"scale-{n}")
        gen = generate(args.binary, data, n)
        m = micro(args.bench, data)
        startup, rss = serve_and_load(args.binary, data)
        size_mb = os.path.getsize(os.path.join(data, "dateline.db")) / 2**20
        rows.append({"stories": n, "generate_s": gen, "micro_us": m, "startup_s": startup,
                     "peak_rss_mb": rss, "db_mb": size_mb})
        print(f"{n} stories done", file=sys.stderr)
    # Story miss: the page alone; after an edit of the story (its card and the
    # rail lists go too); cold (nothing shared kept). bench/render_bench.cpp.
    print(f"{'stories':>9} | {'generate':>8} | {'story miss':>10} {'after edit':>10} "
          f"{'cold':>8} {'home miss':>9} "
          f"{'section miss':>12} {'hit':>7} {'publish':>8} | {'start-up':>8} {'peak RSS':>8} {'db':>8}")
    for r in rows:
        m = r["micro_us"]
        gen = f"{r['generate_s']:.1f} s" if r["generate_s"] else "reused"
        print(f"{r['stories']:>9} | {gen:>8} | {m.get('BM_StoryCacheMiss', 0):>8.0f}us "
              f"{m.get('BM_StoryCacheMissAfterEdit', 0):>8.0f}us "
              f"{m.get('BM_StoryCacheMissCold', 0):>6.0f}us "
              f"{m.get('BM_HomeCacheMiss', 0):>7.0f}us {m.get('BM_SectionCacheMiss', 0):>10.0f}us "
              f"{m.get('BM_StoryCacheHit', 0):>6.2f}us {m.get('BM_PublishUpdate', 0):>6.0f}us | "
              f"{r['startup_s']:>6.2f} s {r['peak_rss_mb']:>5.0f} MB {r['db_mb']:>5.0f} MB")
    # Search p99 per query (bench/search_bench.cpp), milliseconds.
    cases = sorted({k[len("search_case/"):-len(":p99")] for r in rows for k in r["micro_us"]
                    if k.startswith("search_case/") and k.endswith(":p99")})
    if cases:
        print()
        print(f"{'search p99':>20} | " + " | ".join(f"{r['stories']:>9}" for r in rows))
        for case in cases:
            cells = [r["micro_us"].get(f"search_case/{case}:p99") for r in rows]
            print(f"{case:>20} | " + " | ".join(
                f"{c / 1000:>6.1f} ms" if c is not None else f"{'-':>9}" for c in cells))
    os.makedirs("bench/results", exist_ok=True)
    with open("bench/results/scale-latest.json", "w") as f:
        json.dump(rows, f, indent=1)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Prints the difference between two load result files of bench/run.py.

Usage: bench/compare.py OLD.json NEW.json
"""
import json, sys


def key(row):
    return (row["page"], row["encoding"], row["connections"])


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    old, new = (json.load(open(p)) for p in sys.argv[1:])
    before = {key(r): r for r in old["rows"]}
    print(f"{'page':6} {'enc':8} {'conns':>5} | {'old r/s':>9} {'new r/s':>9} {'change':>7} | "
          f"{'old ratio':>9} {'new ratio':>9} | {'old p99':>7} {'new p99':>7}")
    for r in new["rows"]:
        o = before.get(key(r))
        if not o:
            continue
        a, b = o["dateline"]["rps"], r["dateline"]["rps"]
        print(f"{r['page']:6} {r['encoding']:8} {r['connections']:>5} | {a:>9.0f} {b:>9.0f} "
              f"{(b - a) / a * 100 if a else 0:>+6.1f}% | {o['ratio_rps']:>9.2f} {r['ratio_rps']:>9.2f} | "
              f"{o['dateline']['p99_ms']:>7.2f} {r['dateline']['p99_ms']:>7.2f}")


if __name__ == "__main__":
    main()

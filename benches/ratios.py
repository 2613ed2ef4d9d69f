#!/usr/bin/env python3
"""Reads divan output on stdin and prints the ratios of PERFORMANCE.md from its medians.

    cargo bench --bench load 2>&1 | python3 benches/ratios.py
    cargo bench --bench queries 2>&1 | python3 benches/ratios.py
    cargo bench -p summitry-sqlite-peer 2>&1 | python3 benches/ratios.py
"""
import re
import sys

UNITS = {"ns": 1e-9, "µs": 1e-6, "us": 1e-6, "ms": 1e-3, "s": 1.0}
medians = {}
path = []
for line in sys.stdin:
    sys.stdout.write(line)
    line = line.rstrip("\n")
    if "│" not in line:
        continue
    m = re.match(r"^([│ ]*)([├╰]─ )?(\S+)", line)
    if not m:
        continue
    if m.group(2):
        depth = len(m.group(1)) // 3 + 1
    elif not m.group(1):
        depth = 0
    else:
        continue  # a throughput line
    name = m.group(3)
    path = path[:depth] + [name]
    times = re.findall(r"([\d.]+)\s*(ns|µs|us|ms|s)\s*(?:│|$)", line)
    if len(times) >= 3:
        value, unit = times[2]  # fastest, slowest, median
        medians["/".join(path)] = float(value) * UNITS[unit]

def ratio(label, a, b):
    if a in medians and b in medians:
        print(f"{label}: {medians[a] / medians[b]:.2f}x  ({a} / {b})")

print("\n== ratios (medians of this run) ==")
for n in ("1000", "10000", "100000"):
    ratio(f"load / bare parse at {n}", f"load/load/{n}", f"load/bare_parse/{n}")
for n in ("1000", "10000", "100000"):
    ratio(f"load on two threads / bare parse at {n}", f"load/load_two_threads/{n}", f"load/bare_parse/{n}")
for n in ("10000", "100000"):
    ratio(f"site / check at {n}", f"site/site/{n}", f"site/check/{n}")
    ratio(f"site, one thread / check at {n}", f"site/site_one_thread/{n}", f"site/check/{n}")
ratio("load 100k / load 10k", "load/load/100000", "load/load/10000")
ratio("bare parse 100k / 10k", "load/bare_parse/100000", "load/bare_parse/10000")
for q in ("party_area_window", "party_area_window_median_party", "text", "party_across_mechanisms", "scorecard_by_party",
          "scorecard_mechanism", "scorecard_rater", "scorecard_as_of"):
    ratio(f"{q}: scan / index", f"queries/{q}/scan", f"queries/{q}/index")
    ratio(f"{q}: sqlite / summitry", f"sqlite/{q}/sqlite", f"sqlite/{q}/summitry")
ratio("text: sqlite LIKE scan / summitry", "sqlite/text/sqlite_like_scan", "sqlite/text/summitry")
ratio("party_across_mechanisms: sqlite with stored pair rows / summitry",
      "sqlite/party_across_mechanisms/sqlite_stored_pairs", "sqlite/party_across_mechanisms/summitry")
ratio("scorecard_by_party: sqlite with a stored tally / summitry (tallied at load)",
      "sqlite/scorecard_by_party/sqlite_stored_tally", "sqlite/scorecard_by_party/summitry")
ratio("scorecard_mechanism: sqlite with stored pair rows / summitry",
      "sqlite/scorecard_mechanism/sqlite_stored_pairs", "sqlite/scorecard_mechanism/summitry")

"""The metadata cache's figures for `scripts/bench-scale` (issue 22): each
command with and without the cache, next to its floor measured in the
same run, every figure the minimum of the rounds (the commands taken in
turn in each round, so load from elsewhere hits all of them alike).

  cat       `cat FILE > /dev/null` (the file from the page cache): the
            floor of everything that reads or hashes the whole file
  frame     the reader's first frame (see bench-scale), without a cache
            (the pass over the archive) and from the cache
  list      `bulletin list FILE > /dev/null`, without and from the cache
  show      `bulletin show FILE ID` of the last article, from the cache
  rg -c     `rg -c -F 社区 FILE`: the floor of `search 社区 --count`
            (index and cache present); left out with SEARCH=0

The cache directory is a private one under the run's temporary home
(BULLETIN_CACHE_DIR); "without" points BULLETIN_CACHE_DIR at a path
below /dev/null, where nothing can be read or written.
"""

import os
import re
import shutil
import subprocess
import time

QUERY = "社区"
NO_CACHE = "/dev/null/no-cache"


def last_id(path):
    """The id of the archive's last article (from its last megabyte)."""
    with open(path, "rb") as f:
        f.seek(max(0, os.path.getsize(path) - (1 << 20)))
        ids = re.findall(rb'"id"\s*:\s*"([^"]+)"', f.read())
    return ids[-1].decode()


def timed(cmd, env):
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - t0


def figures(path, env, binary, runs, first_frame):
    """{name: minimum seconds} for the archive at `path`, and the cache's
    size on disk (metadata, search index) in bytes."""
    cache = os.path.join(env["HOME"], "cache")
    cached = {**env, "BULLETIN_CACHE_DIR": cache, "BULLETIN_CACHE_MAX": "64G"}
    bare = {**env, "BULLETIN_CACHE_DIR": NO_CACHE}
    search = os.environ.get("SEARCH") != "0" and shutil.which("rg")
    ident = last_id(path)
    # Warm-up: the page cache, the metadata cache and the search index.
    subprocess.run([binary, "list", path], stdout=subprocess.DEVNULL, env=cached, check=True)
    if search:
        subprocess.run([binary, "search", QUERY, path, "--count"],
                       stdout=subprocess.DEVNULL, env=cached)
    runs_of = {}
    for _ in range(runs):
        rounds = [
            ("cat", lambda: timed(["cat", path], env)),
            ("frame0", lambda: first_frame(path, bare, binary)),
            ("frame", lambda: first_frame(path, cached, binary)),
            ("list0", lambda: timed([binary, "list", path], bare)),
            ("list", lambda: timed([binary, "list", path], cached)),
            ("show", lambda: timed([binary, "show", path, ident], cached)),
        ]
        if search:
            rounds += [
                ("rg", lambda: timed(["rg", "-c", "-F", QUERY, path], env)),
                ("count", lambda: timed([binary, "search", QUERY, path, "--count"], cached)),
            ]
        for name, measure in rounds:
            runs_of.setdefault(name, []).append(measure())
    sizes = {}
    for sub in ["meta", "index"]:
        d = os.path.join(cache, sub)
        sizes[sub] = sum(os.path.getsize(os.path.join(d, f)) for f in os.listdir(d)) \
            if os.path.isdir(d) else 0
    shutil.rmtree(cache, ignore_errors=True)
    return {k: min(v) for k, v in runs_of.items()}, sizes


def print_table(rows):
    """rows: (label, articles, size, figures, sizes)."""
    print("| articles | size MB | cat s | frame, pass s | x cat | frame, cache s | x cat "
          "| list, pass s | x cat | list, cache s | x cat | show ms | rg -c s "
          "| search --count s | x rg | cache MB |")
    print("|---:" * 16 + "|")
    for _, n, size, f, sizes in rows:
        cat = f["cat"]
        cells = [f"{size / 1e6:.1f}", f"{cat:.3f}"]
        for k in ["frame0", "frame", "list0", "list"]:
            cells += [f"{f[k]:.3f}", f"{f[k] / cat:.1f}"]
        cells.append(f"{f['show'] * 1e3:.0f}")
        if "rg" in f:
            cells += [f"{f['rg']:.3f}", f"{f['count']:.3f}", f"{f['count'] / f['rg']:.1f}"]
        else:
            cells += ["-", "-", "-"]
        cells.append(f"{sizes['meta'] / 1e6:.1f} + {sizes['index'] / 1e6:.0f}")
        print(f"| {n} | " + " | ".join(cells) + " |")
    print()
    print("Minimum of the rounds; x cat, x rg: over the floor in the same run. cache MB:"
          " metadata + search index.")

"""`make bench`: the real pipeline on synthetic packages of growing size, against a bare MkDocs
Material build of the same staged Markdown, with the figures the scale issue sets targets for.

    python -m scripts.bench [--sizes 500,2000,8000] [--runs 3]

Results go to bench/ (gitignored): results.md (a Markdown table), results.json and time.png."""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .paths import ROOT
from .synthesize import synthesize

BENCH = ROOT / "bench"
STAGING = BENCH / "staging"  # where the builds below keep their staged Markdown (BUILD_STAGING), for the bare build
STAGES = ("validate", "downloads", "maps", "generate", "mkdocs", "search index", "finish")
TARGETS = {
    "ratio_large": 1.3,  # pipeline ÷ bare build, at 2,000 and 8,000 records
    "ratio_small": 2.0,  # at 500
    "linearity": 1.2,
    "rss_mib": 1024,
    "page_kb": 40,
    "search_kb": 300,
    "maps_share": 0.10,  # the maps stage (one Graphviz dot per language) ÷ the whole build, at the largest size
}
# The searches whose bytes to the first result are measured: a word, and a misspelt name, which the
# search box corrects by the names list (pagefind/names.json, which grows with the records).
SEARCHES = (("ko", "메타"), ("en", "Meta"), ("ko", "투브론"), ("en", "Zuckerburg"))
# Runs a command and prints the peak resident memory (KiB) of the largest process it started.
PEAK = "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(r.returncode)"


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, int]:
    # Write out what earlier runs left in the page cache first, so that no run pays for another's
    # writes (on this machine that alone moved a stage by a second).
    os.sync()
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", PEAK, *cmd], cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{done.stderr[-3000:]}")
    return elapsed, int(done.stdout.strip().splitlines()[-1])


def bare_config(lang: str, out: Path) -> Path:
    """The baseline: theme material with font: false and the search plugin, nothing else."""
    config = {
        "site_name": "bare",
        "docs_dir": str(STAGING / lang / "docs"),
        "site_dir": str(out),
        "theme": {"name": "material", "font": False, "language": lang},
        "plugins": ["search"],
    }
    path = BENCH / f"bare-{lang}.yml"
    path.write_text(json.dumps(config), encoding="utf-8")
    return path


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def search_bytes(site: Path, lang: str, record_page: str, word: str) -> int:
    """Bytes (gzip, as a server would send them) Chromium fetches from opening a record page until
    the first result of a one-word search is shown."""
    from playwright.sync_api import sync_playwright

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    fetched: list[str] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"])
            page = browser.new_page()
            page.on("response", lambda r: fetched.append(r.url))
            page.goto(base + ("" if lang == "ko" else "en/") + record_page)
            page.wait_for_load_state("networkidle")
            page.locator(".md-search__input").click()
            page.fill("input.md-search__input", word)
            page.wait_for_selector(".md-search-result__item", timeout=120000)
            browser.close()
    finally:
        httpd.shutdown()
    total = 0
    for url in dict.fromkeys(fetched):
        path = unquote(urlsplit(url).path.lstrip("/"))
        file = site / path
        if path == "" or path.endswith("/"):
            file = file / "index.html"
        if file.is_file():
            total += len(gzip.compress(file.read_bytes(), 6))
    return total


def measure(records: int, runs: int) -> dict[str, object]:
    data = BENCH / "data" / str(records)
    rows = synthesize(records, data)
    site = BENCH / f"site-{records}"
    timings_file = BENCH / "timings.json"
    env = {**os.environ, "DATASET": str(data), "SITE_DIR": str(site), "BUILD_TIMINGS": str(timings_file), "BUILD_STAGING": str(STAGING), "SOURCE_DATE_EPOCH": "1700000000"}
    totals, stages, peaks = [], {s: [] for s in STAGES}, []
    for _ in range(runs):
        elapsed, peak = timed([sys.executable, "-m", "scripts.site.build"], env)
        timings = json.loads(timings_file.read_text(encoding="utf-8"))
        totals.append(elapsed)
        peaks.append(peak)
        for s in STAGES:
            stages[s].append(timings.get(s, 0.0))
    pages = timings["pages"]
    baseline = []
    for _ in range(runs):
        out = BENCH / "bare-site"
        elapsed = 0.0
        for lang in ("ko", "en"):  # one after the other; only the builds themselves are timed
            shutil.rmtree(out, ignore_errors=True)
            elapsed += timed([sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(bare_config(lang, out))], env)[0]
        baseline.append(elapsed)
    record_pages = sorted(
        p for folder in ("people", "organizations", "works", "quotes", "legal-issues", "cases", "fact-checks", "sources")
        for root in (site, site / "en") for p in (root / folder).glob("*/index.html")
    )
    first_person = next(p for p in sorted((site / "people").glob("*/index.html")))
    record_page = first_person.parent.relative_to(site).as_posix() + "/"
    site_bytes = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    total, base = statistics.median(totals), statistics.median(baseline)
    queries = {f"{lang} {word}": search_bytes(site, lang, record_page, word) / 1000 for lang, word in SEARCHES}
    return {
        "records": rows,
        "pages": pages,
        "total_s": total,
        "stages_s": {s: statistics.median(v) for s, v in stages.items()},
        "baseline_s": base,
        "ratio": total / base,
        "peak_rss_mib": max(peaks) / 1024,
        "site_mib": site_bytes / 1024 / 1024,
        "median_page_kb": statistics.median(p.stat().st_size for p in record_pages) / 1000,
        "search_queries_kb": queries,
        "search_kb": {lang: max(kb for query, kb in queries.items() if query.startswith(lang + " ")) for lang in ("ko", "en")},  # the worst query
    }


def report(results: list[dict[str, object]]) -> str:
    head = ["records", "pages", "total s", *[f"{s} s" for s in STAGES], "bare s", "÷ bare", "peak RSS MiB", "site MiB", "median page KB", "search KB ko", "search KB en"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---:|" * len(head)]
    for r in results:
        cells = [r["records"], r["pages"], f"{r['total_s']:.1f}", *[f"{r['stages_s'][s]:.1f}" for s in STAGES], f"{r['baseline_s']:.1f}",
                 f"{r['ratio']:.2f}", f"{r['peak_rss_mib']:.0f}", f"{r['site_mib']:.1f}", f"{r['median_page_kb']:.1f}",
                 f"{r['search_kb']['ko']:.0f}", f"{r['search_kb']['en']:.0f}"]
        lines.append("| " + " | ".join(map(str, cells)) + " |")
    lines.append("")
    verdicts = []
    for r in results:
        limit = TARGETS["ratio_small"] if r is results[0] else TARGETS["ratio_large"]
        verdicts.append(f"- {r['records']} records: pipeline ÷ bare {r['ratio']:.2f} (target ≤ {limit}): {'met' if r['ratio'] <= limit else 'NOT met'}")
    if len(results) >= 3:
        a, b, c = results[:3]
        per_small = (b["total_s"] - a["total_s"]) / max(1, b["pages"] - a["pages"])
        per_large = (c["total_s"] - b["total_s"]) / max(1, c["pages"] - b["pages"])
        linear = per_large / per_small if per_small > 0 else float("inf")
        verdicts.append(f"- time per added page, large ÷ small step: {linear:.2f} (target ≤ {TARGETS['linearity']}): {'met' if linear <= TARGETS['linearity'] else 'NOT met'}")
    last = results[-1]
    verdicts.append(f"- peak RSS at {last['records']} records: {last['peak_rss_mib']:.0f} MiB (target ≤ {TARGETS['rss_mib']}): {'met' if last['peak_rss_mib'] <= TARGETS['rss_mib'] else 'NOT met'}")
    verdicts.append(f"- median record page at {last['records']} records: {last['median_page_kb']:.1f} KB (target ≤ {TARGETS['page_kb']}): {'met' if last['median_page_kb'] <= TARGETS['page_kb'] else 'NOT met'}")
    share = last["stages_s"]["maps"] / last["total_s"]
    verdicts.append(f"- maps stage at {last['records']} records: {last['stages_s']['maps']:.1f} s, {share:.1%} of the build (target ≤ {TARGETS['maps_share']:.0%}): {'met' if share <= TARGETS['maps_share'] else 'NOT met'}")
    for query, kb in last["search_queries_kb"].items():
        verdicts.append(f"- bytes to the first search result ({query}) at {last['records']} records: {kb:.0f} KB gzip (target ≤ {TARGETS['search_kb']}): {'met' if kb <= TARGETS['search_kb'] else 'NOT met'}")
    return "\n".join(lines + verdicts) + "\n"


def plot(results: list[dict[str, object]], out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 4), dpi=100)
    pages = [r["pages"] for r in results]
    ax.plot(pages, [r["total_s"] for r in results], marker="o", label="pipeline (validate, generate, build, downloads, search)")
    ax.plot(pages, [r["baseline_s"] for r in results], marker="s", label="bare MkDocs Material, same pages")
    ax.set_xlabel("pages (both languages)")
    ax.set_ylabel("wall time, median of runs (s)")
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(out, metadata={"Software": None})
    plt.close(fig)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="500,2000,8000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    BENCH.mkdir(exist_ok=True)
    results = []
    for size in [int(s) for s in args.sizes.split(",")]:
        print(f"bench: {size} records…", flush=True)
        results.append(measure(size, args.runs))
        print(json.dumps(results[-1], ensure_ascii=False), flush=True)
    (BENCH / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    table = report(results)
    (BENCH / "results.md").write_text(table, encoding="utf-8")
    plot(results, BENCH / "time.png")
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())

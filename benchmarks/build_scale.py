"""How litreview's build scales, next to MkDocs + Material in the same run.

For each N (default 1,000 and 10,000) it writes a synthetic review, then times:

- ``litreview build --no-cache`` (cold: read, extract, compare, render, site, search),
- the same build again after adding one abstract (incremental, with the cache),
  and once more to compare its site, file by file, with a cold build of the same content,
- MkDocs + Material building N plain pages with a minimal nav (the reference a
  user would otherwise assemble).

Medians of ``--repeat`` runs (each run on stderr), wall time and peak RSS of each process, and the
CPU time (user and system) of each build with the processes it started, which a shared machine's
load moves less than wall time. Shared, noisy machines: read the ratios, not the seconds.

    python benchmarks/build_scale.py [--sizes 1000 10000] [--repeat 3] [--work DIR]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import make_abstract, write_review  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NUMBER_RE = re.compile(r"\d+(?:\.\d+)?%?")


# Runs litreview and reports the peak RSS of its own process (RUSAGE_SELF): wait4's figure
# would be the largest of the process tree, which is the search indexer's (set aside by the issue).
# It leaves as the ``litreview`` command does (``generator.cli.run``): at once, what it made held.
LITREVIEW_SELF_RSS = (
    "import os, resource, sys; from generator.cli import main; held = []; code = main(sys.argv[1:], held); "
    "print('self-rss-kb', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); "
    "sys.stdout.flush(); sys.stderr.flush(); os._exit(code)"
)
SELF_RSS_RE = re.compile(r"self-rss-kb (\d+)")


def timed(cmd: list[str], cwd: Path) -> tuple[float, float, float]:
    """Wall seconds, peak RSS (MB) and CPU seconds (its own and its waited-for processes') of one
    command, which must succeed.

    The RSS is the process's own when it reports one (litreview does, through ``LITREVIEW_SELF_RSS``),
    else wait4's.
    """
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err, env={**os.environ, "CI": "true"})
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode:
            err.seek(0)
            raise SystemExit(f"{' '.join(cmd)} failed:\n{err.read().decode()[-2000:]}")
        err.seek(0)
        own = SELF_RSS_RE.search(err.read().decode(errors="replace"))
    return wall, (int(own.group(1)) if own else usage.ru_maxrss) / 1024, usage.ru_utime + usage.ru_stime


def reference_site(n: int, work: Path) -> Path:
    """N plain Markdown pages (text, metadata table, highlighted numbers) for MkDocs + Material."""
    docs = work / "docs"
    shutil.rmtree(docs, ignore_errors=True)
    (docs / "studies").mkdir(parents=True)
    rows = []
    for i in range(n):
        name, text = make_abstract(i)
        body = NUMBER_RE.sub(lambda m: f"<mark>{m.group()}</mark>", text, count=10)
        stem = name.rsplit(".", 1)[0]
        (docs / "studies" / f"{stem}.md").write_text(
            f"# Study {i}\n\n| field | value |\n| --- | --- |\n| file | {name} |\n| number | {i} |\n\n{body}\n")
        rows.append(f"| [{stem}](studies/{stem}.md) | {i} |")
    table = "| study | n |\n| --- | --- |\n" + "\n".join(rows) + "\n"
    (docs / "index.md").write_text("# Review\n\n" + table)
    for page in ("response", "survival", "effects"):
        (docs / f"{page}.md").write_text(f"# {page}\n\n" + table)
    (work / "mkdocs.yml").write_text(
        "site_name: Reference\ntheme: {name: material}\n"
        "nav: [index.md, response.md, survival.md, effects.md]\n"
        "plugins: [search]\n")
    return work


def median_of(repeat: int, run, label: str) -> tuple[float, float, float]:
    """Median wall time, largest peak RSS and median CPU time over ``repeat`` runs; every run on stderr,
    to show the spread."""
    results = [run() for _ in range(repeat)]
    print(f"{label}: " + ", ".join(f"{wall:.2f} s ({cpu:.2f} s CPU)" for wall, _, cpu in results), file=sys.stderr)
    return (statistics.median(r[0] for r in results), max(r[1] for r in results),
            statistics.median(r[2] for r in results))


def differing(first: Path, second: Path) -> list[str]:
    """The files, by path, that only one of two folders holds or that differ in a byte."""
    def files(folder: Path) -> dict[str, Path]:
        return {p.relative_to(folder).as_posix(): p for p in folder.rglob("*") if p.is_file()}

    a, b = files(first), files(second)
    return sorted(rel for rel in a.keys() | b.keys()
                  if rel not in a or rel not in b or a[rel].read_bytes() != b[rel].read_bytes())


def bench(n: int, repeat: int, work: Path) -> dict:
    """The timings for one review size, and whether its incremental build gives the bytes of a cold one."""
    base = work / f"n{n}"
    shutil.rmtree(base, ignore_errors=True)
    content = base / "content"
    write_review(n, content)

    def litreview(site: str = "site") -> list[str]:
        return [sys.executable, "-c", LITREVIEW_SELF_RSS, "build", "--content", str(content),
                "--out", str(base / site), "--config", str(ROOT / "site_config.yml")]

    out = {"cold": median_of(repeat, lambda: timed(litreview() + ["--no-cache"], ROOT), f"{n:,} cold")}
    timed(litreview(), ROOT)  # fill the cache

    def incremental(check: bool = False) -> tuple[float, float, float]:
        extra = content / "zz-added.txt"
        extra.write_text(make_abstract(n + int(time.time() * 1000) % 100000)[1])
        try:
            result = timed(litreview(), ROOT)
            if check:  # the same content, built cold
                timed(litreview("cold-site") + ["--no-cache"], ROOT)
                out["differing"] = differing(base / "site", base / "cold-site")
            return result
        finally:
            extra.unlink()
            timed(litreview(), ROOT)

    out["incremental"] = median_of(repeat, incremental, f"{n:,} incremental")
    incremental(check=True)
    ref = reference_site(n, base / "reference")
    out["reference"] = median_of(repeat, lambda: timed([sys.executable, "-m", "mkdocs", "build", "-q"], ref),
                                 f"{n:,} reference")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/litreview-bench"))
    args = parser.parse_args()
    table = {n: bench(n, args.repeat, args.work) for n in args.sizes}
    print("| N | litreview cold | incremental (+1) | MkDocs+Material (reference) | cold/reference | incremental/cold "
          "| CPU: incremental/cold |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for n, r in table.items():
        cold, added = r["cold"], r["incremental"]
        print(f"| {n:,} | {cold[0]:.1f} s ({cold[1]:.0f} MB; {cold[2]:.1f} s CPU) "
              f"| {added[0]:.1f} s ({added[2]:.1f} s CPU) | {r['reference'][0]:.1f} s "
              f"| {cold[0] / r['reference'][0]:.2f} | {added[0] / cold[0]:.2f} | {added[2] / cold[2]:.2f} |")
    if len(table) > 1:
        small, large = min(table), max(table)
        print(f"growth {small:,} -> {large:,}: x{table[large]['cold'][0] / table[small]['cold'][0]:.1f} "
              f"for x{large / small:.0f} the abstracts")
    for n, r in table.items():
        shown = ", ".join(r["differing"][:10])
        print(f"{n:,}: an incremental build after an added abstract "
              + (f"DIFFERS from a cold build of the same content in {len(r['differing'])} files: {shown}"
                 if r["differing"] else "is byte-identical to a cold build of the same content"))
    return 1 if any(r["differing"] for r in table.values()) else 0


if __name__ == "__main__":
    sys.exit(main())

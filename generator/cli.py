"""``litreview build | serve | check``: argument parsing, messages and exit codes.

Exit codes: 0 success, 1 the build failed, 2 usage error.
"""

from __future__ import annotations

import argparse
import errno
import fcntl
import gc
import os
import shutil
import signal
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Iterator, NoReturn

from generator import __version__
from generator.cache import DISK_FULL, BuildCache, ShardedCache
from generator.config import SiteConfig, load_config
from generator.diagnostics import BuildError, Diagnostic
from generator.history import recorded_dates
from generator.pipeline import Collection, collect, publish
from generator.progress import Progress
from generator.overrides import SIDECAR_SUFFIXES
from generator.report import SourceFile, check_report
from generator.site import BUILD_PREFIX, SiteFolder, mkdocs_installed, site_folder
from generator.workers import ENDING

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
CACHE_DIR = ".litreview-cache"
# Beside the output: held by the build that makes it, and uses the cache beside it (``build_lock``).
LOCK_FILE = ".litreview-lock"
NOT_ALLOWED = (errno.EACCES, errno.EPERM, errno.EROFS)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="litreview", description="Build a literature-review site from abstracts.")
    parser.add_argument("--version", action="version", version=f"litreview {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--content", type=Path, default=Path("content"), help="folder of abstracts (default: content)")
        sub.add_argument("--config", type=Path, default=Path("site_config.yml"), help="site configuration (default: site_config.yml)")
        sub.add_argument("--strict", action="store_true", help="fail on any error or warning")

    sub = commands.add_parser("build", help="build the site")
    common(sub)
    sub.add_argument("--out", type=Path, default=Path("site"), help="output folder (default: site)")
    sub.add_argument("--no-cache", action="store_true",
                     help="build cold: neither read nor write the cache (.litreview-cache/ beside the output)")
    sub = commands.add_parser("check", help="read and validate everything, build nothing, report per study")
    common(sub)
    sub = commands.add_parser("serve", help="build, serve and rebuild on change")
    common(sub)
    sub.add_argument("--out", type=Path, default=Path("site"), help="output folder (default: site)")
    sub.add_argument("--port", type=int, default=8000)
    sub = commands.add_parser(
        "eval", help="score the extraction against a gold file",
        description="Build the studies from --content in memory (no site is written) and print recall and "
                    "precision per finding kind against GOLD.yml (the shape of the seeds gold file). "
                    "Exit 0 when every required finding and field matched, 1 otherwise.")
    sub.add_argument("gold", type=Path, metavar="GOLD.yml", help="gold file")
    common(sub)
    sub.add_argument("--verbose", action="store_true", help="list every miss and every extra finding")
    sub.add_argument("--exhaustive", action="store_true",
                     help="take the gold's findings (and other_numbers) as every key number of each abstract, as a "
                          "corpus gold (gold_scored.yml) does: sort each required finding into fully right, an "
                          "attribute wrong, under another kind or not found, and count as spurious every number "
                          "shown as certain that is none of the gold's")
    return parser


def _report(diagnostics, content: Path | None = None) -> None:
    """Print diagnostics to stderr; paths of content files as the user named the folder (``content/x.txt``)."""
    for diagnostic in diagnostics:
        if content is not None:
            diagnostic = replace(diagnostic, path=(content / diagnostic.path).as_posix())
        print(diagnostic, file=sys.stderr)


def _summary(collection: Collection, faults: tuple[Diagnostic, ...] = ()) -> str:
    findings = sum(p.findings for p in collection.parts)
    errors = sum(d.severity == "error" for d in collection.diagnostics) + len(faults)
    warnings = len(collection.diagnostics) + len(faults) - errors
    skipped = f"{collection.files_skipped} skipped"
    if collection.files_skipped:
        why = [f"{collection.unknown_type} of an unknown type"] * bool(collection.unknown_type)
        unusable = collection.files_skipped - collection.unknown_type
        why += [f"{unusable} with errors"] * bool(unusable)
        skipped += f" ({', '.join(why)})"
    return (f"{collection.files_read} files read, {skipped}; "
            f"{len(collection.studies)} studies, {findings} findings; {errors} errors, {warnings} warnings")


def _load(args: argparse.Namespace):
    config, problems = load_config(args.config, args.config.as_posix())
    if problems:
        _report(problems)
        return None
    if not args.content.is_dir():
        print(f"{args.content.as_posix()}: error: content folder not found", file=sys.stderr)
        return None
    return config


def _config_repr(config: SiteConfig) -> str:
    """What keys a cache by the config: what it says, not how its path was spelled on the command line."""
    return repr(replace(config, source=""))


def build_cache(out: Path, config: SiteConfig) -> ShardedCache:
    """The cache of what a build of ``out`` reads from the content: ``.litreview-cache/`` in the output's parent."""
    return ShardedCache(out.resolve().parent / CACHE_DIR, _config_repr(config))


def aside_cache(out: Path, config: SiteConfig) -> ShardedCache:
    """What ``build_cache``'s entries leave out, kept aside by study (each one's index entry and part of
    the downloads, ``pipeline.index_and_downloads``): ``aside/`` in its folder."""
    return ShardedCache(out.resolve().parent / CACHE_DIR / "aside", _config_repr(config))


def page_cache(out: Path, config: SiteConfig) -> BuildCache:
    """The cache of what is rendered (study and comparison pages, the rows of those that list every study):
    ``pages/`` in ``build_cache``'s folder, keyed by the templates too."""
    return BuildCache(out.resolve().parent / CACHE_DIR / "pages", _config_repr(config), with_templates=True)


def cmd_build(args: argparse.Namespace) -> int:
    started = time.monotonic()
    config = _load(args)
    if config is None:
        return EXIT_FAILED
    pages = None if args.no_cache else page_cache(args.out, config)
    folder = None
    try:
        with build_lock(args.out), site_folder(args.out, pages) as folder:
            return _build_site(args, config, started, folder, pages)
    except KeyboardInterrupt:
        if folder is None or not folder.swapped_in():
            raise  # the previous site stands: "interrupted" (``main``)
        # Past the swap only the build's tidying is left (the site it replaced goes with the next build).
        print(f"interrupted once the new site was in place: {args.out.as_posix()}/ is complete", file=sys.stderr)
        return EXIT_OK
    except OSError as exc:
        print(environment_error(exc, args.out, not args.no_cache), file=sys.stderr)
        return EXIT_FAILED
    except Exception as exc:  # noqa: BLE001 - a fault of litreview's own: one line, as for the others, no traceback
        detail = " ".join(str(exc).split())[:200]
        print(f"error: litreview failed while building the site ({type(exc).__name__}: {detail}); the site was not "
              f"built{kept_note(args.out)}; please report this with the content and site_config.yml", file=sys.stderr)
        return EXIT_FAILED


@contextmanager
def build_lock(out: Path) -> Iterator[None]:
    """Builds into one output take turns, as do builds into folders beside each other, which share a cache:
    each holds ``LOCK_FILE`` in the output's parent (``flock``, let go by the system however the build ends);
    a build that finds it held says so and waits."""
    parent = out.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(parent / LOCK_FILE, os.O_RDONLY | os.O_CREAT | os.O_CLOEXEC, 0o666)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"{out.as_posix()}: another build into this folder, or beside it, is running; waiting for it "
                  f"to finish", file=sys.stderr, flush=True)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def environment_error(exc: OSError, out: Path, cached: bool) -> str:
    """The one line that says a build failed for want of disk space or permissions, or the like, not for an
    input: the folder where, and what to do. On a full disk the cache beside the output (``cached``) is
    removed: what it holds is not worth the space the user must find."""
    path = Path(exc.filename) if isinstance(exc.filename, str) else out.resolve()
    # A file of the build's folder went with it: name the folder it was being made in.
    path = next((p.parent for p in (path, *path.parents) if p.name.startswith(BUILD_PREFIX)), path)
    path = next((p for p in (path, *path.parents) if p.exists()), path)  # what could not be made, in what folder
    if exc.errno in DISK_FULL:
        todo = "free some space on its disk, or build into another folder with --out"
        if cached and os.path.isdir(cache := out.resolve().parent / CACHE_DIR):
            shutil.rmtree(cache, ignore_errors=True)
            todo = f"the cache ({cache}) was removed to free its space; {todo}"
    elif exc.errno in NOT_ALLOWED:
        todo = "make it writable, or build into another folder with --out"
    elif exc.errno in (errno.ENOTDIR, errno.EEXIST):
        todo = "it is a file, not a folder: build into another folder with --out"
    else:
        todo = "build again once that is mended"
    return f"{path}: error: {exc.strerror or exc}; the site was not built{kept_note(out)}; {todo}"


def kept_note(out: Path) -> str:
    """What a failed build says of the site it did not replace, if there is one."""
    return " (the previous one is as it was)" if out.is_dir() else ""


def _build_site(args: argparse.Namespace, config: SiteConfig, started: float, folder: SiteFolder,
                pages: BuildCache | None) -> int:
    """Read, check and publish: the build once its config is loaded and its folder made."""
    progress = Progress()
    # The studies live until the end: keep the collector from walking them again and again
    # as they are read (10% of a cached build at 10,000 studies) and while pages are rendered
    # (~40% of rendering time). Reading makes next to no cycles to collect.
    gc.disable()
    try:
        collection = collect(args.content, config, None if args.no_cache else build_cache(args.out, config), progress,
                             recorded_dates(args.out))
    finally:
        gc.freeze()
        gc.enable()
    if args.held is not None:
        args.held.append(collection)
    progress.finish()
    _report(collection.diagnostics, args.content)
    if args.strict and collection.diagnostics:
        print(f"error: build failed (--strict): {_summary(collection)}", file=sys.stderr)
        return EXIT_FAILED
    if not collection.studies:
        print(f"error: no study could be read; the site was not built: {_summary(collection)}", file=sys.stderr)
        return EXIT_FAILED
    if not mkdocs_installed():
        print("warning: MkDocs is not installed: the home page and the comparisons hub are laid out without it "
              "(install litreview's dependencies: pip install .)", file=sys.stderr)
    try:
        aside = None if args.no_cache else aside_cache(args.out, config)
        count, faults = publish(collection, folder, config, progress, pages, aside)
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        progress.finish()
        gc.unfreeze()  # `serve` builds again in this process
    _report(faults, args.content)
    if args.strict and faults:
        print(f"error: build failed (--strict): {_summary(collection, faults)}; the site was built in "
              f"{args.out.as_posix()}/ all the same", file=sys.stderr)
        return EXIT_FAILED
    print(f"{_summary(collection, faults)}; {count} pages in {time.monotonic() - started:.1f} s")
    print(f"site built in {args.out.as_posix()}/ (open {args.out.as_posix()}/index.html)")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    config = _load(args)
    if config is None:
        return EXIT_FAILED
    collection = collect(args.content, config)
    _report(collection.diagnostics, args.content)
    print(check_report(collection.studies, _sources(args.content, collection.studies)))
    print(_summary(collection))
    failed = any(d.severity == "error" for d in collection.diagnostics) or (args.strict and collection.diagnostics)
    return EXIT_FAILED if failed else EXIT_OK


def _sources(content: Path, studies) -> dict[str, SourceFile]:
    """The input files of the studies with findings to verify, named as the user named the folder,
    each with the sidecar that would correct it (the one there is, else ``<name>.yml``)."""
    sources: dict[str, SourceFile] = {}
    for study in studies:
        if study.source in sources or all(f.certain for f in study.extraction.findings):
            continue
        path = content / study.source
        sidecar = next((path.with_suffix(s) for s in SIDECAR_SUFFIXES if path.with_suffix(s).is_file()),
                       path.with_suffix(SIDECAR_SUFFIXES[0]))
        try:
            text = path.read_bytes().decode("utf-8-sig", errors="replace")
        except OSError:
            text = ""
        sources[study.source] = SourceFile(path.as_posix(), text, sidecar.as_posix())
    return sources


def cmd_serve(args: argparse.Namespace) -> int:
    from generator.serve import serve

    args.no_cache = False
    try:
        return serve(args.out, args.port, [args.content, args.config], lambda: cmd_build(args))
    except OSError as exc:
        print(f"error: cannot serve on port {args.port}: {exc.strerror}", file=sys.stderr)
        return EXIT_FAILED


def cmd_eval(args: argparse.Namespace) -> int:
    from generator.evaluate import evaluate, evaluate_exhaustive, exhaustive_passed, exhaustive_report, passed, report
    from generator.export import study_dict

    config = _load(args)
    if config is None:
        return EXIT_FAILED
    if not args.gold.is_file():
        print(f"{args.gold.as_posix()}: error: gold file not found", file=sys.stderr)
        return EXIT_FAILED
    collection = collect(args.content, config)
    _report(collection.diagnostics, args.content)
    gold, studies = args.gold.read_text(encoding="utf-8"), [study_dict(s) for s in collection.studies]
    if args.exhaustive:
        exhaustive = evaluate_exhaustive(gold, studies)
        print(exhaustive_report(exhaustive, args.verbose))
        return EXIT_OK if exhaustive_passed(exhaustive) else EXIT_FAILED
    score = evaluate(gold, studies)
    print(report(score, args.verbose))
    return EXIT_OK if passed(score) else EXIT_FAILED


def main(argv: list[str] | None = None, held: list | None = None) -> int:
    """Run the command line; returns the exit code. ``build`` appends the studies it read to ``held``,
    if given, for a caller that leaves once this returns (``run``) to leave them be (``serve`` builds
    again and again, and holds none)."""
    args = _parser().parse_args(argv)
    args.held = held if args.command == "build" else None
    commands = {"build": cmd_build, "check": cmd_check, "serve": cmd_serve, "eval": cmd_eval}
    # SIGTERM ends a build as Ctrl+C does: its workers, forked copies and build folder go with it.
    terminate = signal.signal(signal.SIGTERM, _interrupt) if threading.current_thread() is threading.main_thread() \
        else None
    try:
        if hasattr(signal, "pthread_sigmask"):
            signal.pthread_sigmask(signal.SIG_UNBLOCK, ENDING)  # held back while the program loaded (``__main__``)
        return commands[args.command](args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_FAILED
    finally:
        if terminate is not None:
            signal.signal(signal.SIGTERM, terminate)


def _interrupt(signum: int, frame: object) -> NoReturn:
    raise KeyboardInterrupt


def run() -> NoReturn:
    """The ``litreview`` command: ``main``, then leave without taking the build's objects apart one by
    one, as mypy does; every file is closed by then. The studies read are held until then: freeing
    them as the build returned cost a build of 10,000 studies 0.05 s (median of nine pairs)."""
    held: list = []
    code = main(held=held)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)

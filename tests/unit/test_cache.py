"""The build cache: hits when nothing changed, misses when anything that matters did, nothing stale kept,
and an incremental build byte-identical to a cold one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

from generator import cache as cache_module
from generator import pipeline
import msgspec

from generator.cache import DIGEST_SIZE, MAGIC, SHARD_DECODER, TEMPLATES_DIR, BuildCache, ShardedCache, value_bytes
from generator.cli import build_cache
from generator.config import SiteConfig
from generator.model import load_study
from generator.pipeline import collect, index_and_downloads, publish
from generator.site import site_folder
from generator import render as render_module
from generator.render import comparisons as comparisons_module
from generator.render import downloads as downloads_module
from generator.render import study as study_module

ROOT = Path(__file__).resolve().parents[2]


def test_key_depends_on_every_part_and_on_the_config(tmp_path):
    cache = BuildCache(tmp_path, repr(SiteConfig()))
    assert cache.key(b"a.txt", b"text", b"") == cache.key(b"a.txt", b"text", b"")
    assert len({cache.key(b"a.txt", b"text", b""), cache.key(b"a.txt", b"text", b"title: x"),
                cache.key(b"b.txt", b"text", b""), cache.key(b"a.txt", b"text2", b""),
                cache.key(b"a.txttext", b"", b"")}) == 5
    other = BuildCache(tmp_path, repr(SiteConfig(title="Other")))
    assert other.key(b"a.txt", b"text", b"") != cache.key(b"a.txt", b"text", b"")


def test_the_config_path_as_typed_does_not_change_the_key(tmp_path):
    relative = build_cache(tmp_path / "site", SiteConfig(source="site_config.yml"))
    absolute = build_cache(tmp_path / "site", SiteConfig(source="/work/review/site_config.yml"))
    assert relative.key(b"a.txt", b"text", b"") == absolute.key(b"a.txt", b"text", b"")


def test_put_get_and_prune_what_a_build_did_not_use(tmp_path):
    cache = BuildCache(tmp_path, "config")
    cache.put("k1", {"value": 1})
    cache.put("k2", {"value": 2})
    (tmp_path / "leftover.tmp").write_bytes(b"half")
    later = BuildCache(tmp_path, "config")
    assert later.get("k1", dict[str, int]) == {"value": 1}
    assert later.get("missing", dict[str, int]) is None
    later.prune()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k1.entry"]


def shard_entries(folder: Path) -> dict:
    entries = {}
    for shard in folder.glob("*.shard"):
        sealed = SHARD_DECODER.decode(shard.read_bytes().removeprefix(MAGIC))
        entries.update({key: msgspec.msgpack.decode(value[DIGEST_SIZE:]) for key, value in sealed.items()})
    return entries


def test_a_sharded_cache_keeps_entries_by_their_keys_first_two_digits_and_writes_only_what_changed(tmp_path):
    cache = ShardedCache(tmp_path, "config")
    for key in ("ab1", "ab2", "cd1"):
        cache.put(key, key.upper())
    assert list(tmp_path.iterdir()) == []  # written when the build is done with the cache
    cache.prune()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ab.shard", "cd.shard"]
    assert shard_entries(tmp_path) == {"ab1": "AB1", "ab2": "AB2", "cd1": "CD1"}

    (tmp_path / "leftover.tmp").write_bytes(b"half")
    (tmp_path / "ef.shard").write_bytes(b"not a shard")
    (tmp_path / "pages").mkdir()  # the page cache's folder is not this cache's
    untouched = (tmp_path / "cd.shard").stat().st_ino
    later = ShardedCache(tmp_path, "config")
    assert (later.get("ab1", str), later.get("cd1", str), later.get("ef1", str), later.has("ab2")) == \
        ("AB1", "CD1", None, True)
    later.put("ab3", "AB3")
    later.prune()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ab.shard", "cd.shard", "pages"]
    assert shard_entries(tmp_path) == {"ab1": "AB1", "ab2": "AB2", "ab3": "AB3", "cd1": "CD1"}
    assert (tmp_path / "cd.shard").stat().st_ino == untouched

    last = ShardedCache(tmp_path, "config")
    assert last.get("ab3", str) == "AB3"
    last.prune()  # ab1, ab2 and all of cd unused
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ab.shard", "pages"]
    assert shard_entries(tmp_path) == {"ab3": "AB3"}


def test_a_sharded_cache_loads_every_shard_at_once_when_asked(tmp_path):
    cache = ShardedCache(tmp_path, "config")
    for key in ("ab1", "cd1"):
        cache.put(key, key.upper())
    cache.prune()
    loaded = ShardedCache(tmp_path, "config")
    loaded.load()
    for shard in tmp_path.glob("*.shard"):
        shard.unlink()
    assert (loaded.get("ab1", str), loaded.get("cd1", str), loaded.get("ef1", str)) == ("AB1", "CD1", None)


def test_entries_decoded_as_they_are_loaded_are_got_as_they_would_be_and_the_damaged_said_once(tmp_path):
    cache = ShardedCache(tmp_path, "config")
    for key, value in (("ab1", "AB1"), ("ab2", "AB2"), ("ab3", 3), ("cd1", "CD1")):
        cache.put(key, value)
    cache.prune()
    shard = tmp_path / "ab.shard"
    shard.write_bytes(shard.read_bytes().replace(b"AB2", b"XB2"))  # ab2's bytes no longer match its digest
    loaded = ShardedCache(tmp_path, "config")
    loaded.load(str)
    loaded.put("cd1", "new")
    assert [loaded.get(key, kind) for key, kind in (("ab1", str), ("ab1", str), ("ab2", str), ("ab3", int),
                                                    ("cd1", str))] == ["AB1", "AB1", None, 3, "new"]
    assert dict(loaded.dropped) == {"damaged (digest does not match)": 1}


def test_files_keyed_in_a_forked_copy_have_their_stamps_kept_by_the_build(tmp_path, monkeypatch):
    """On a review large enough, the files are keyed in a copy of the process while it loads the
    cache: what the copy saw of their stamps is kept all the same, and the result is the same."""
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(pipeline, "SETTLED_NS", 0)
    config = SiteConfig()
    fresh = collect(ROOT / "content", config)
    assert collect(ROOT / "content", config, ShardedCache(tmp_path, repr(config))) == fresh
    cache = ShardedCache(tmp_path, repr(config))
    stamps = cache.get(cache.key(b"content stamps", os.fsencode((ROOT / "content").resolve())), pipeline.STAMPS)
    assert sorted(stamps) == sorted(p.name for p in (ROOT / "content").glob("*.txt"))
    assert collect(ROOT / "content", config, ShardedCache(tmp_path, repr(config))) == set_aside(fresh)


def test_equal_values_give_equal_bytes_whichever_objects_they_share():
    shared = "".join(["liver ", "metastases"])
    once, twice = (shared, shared), (shared, "".join(["liver ", "metastases"]))
    assert value_bytes(once) == value_bytes(twice) != value_bytes((shared, "other"))


def test_a_corrupt_entry_is_a_miss(tmp_path):
    (tmp_path / "k.entry").write_bytes(b"not an entry")
    assert BuildCache(tmp_path, "config").get("k", str) is None


def pairs(collection) -> list:
    """Each study's index entry and part of the downloads, as ``index_and_downloads`` gives them."""
    return [(p.index, p.downloads) for p in collection.parts]


def set_aside(collection):
    """A collection as read through the cache: its parts without what is kept aside (``index_and_downloads``)."""
    return replace(collection, parts=tuple(replace(p, index=None, downloads=None) for p in collection.parts))


def test_cached_collection_equals_a_fresh_one(tmp_path):
    config = SiteConfig()
    cache = ShardedCache(tmp_path / "cache", repr(config))
    fresh = collect(ROOT / "content", config)
    assert collect(ROOT / "content", config, cache) == fresh
    assert len(shard_entries(tmp_path / "cache")) == 5 + 1  # the files' results, their stamps
    cached = collect(ROOT / "content", config, ShardedCache(tmp_path / "cache", repr(config)))
    assert cached == set_aside(fresh) != fresh
    assert index_and_downloads(cached) == pairs(fresh)


def test_what_is_kept_aside_is_loaded_where_needed_made_again_when_lost_and_kept_only_while_used(tmp_path):
    """The index entries and parts of the downloads are kept aside from the content cache's entries,
    by study; whichever way they come, the parts are those of a fresh read."""
    config = SiteConfig()
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)

    def found(aside: str) -> list:
        cached = collect(content, config, ShardedCache(tmp_path / "cache", repr(config)))
        return index_and_downloads(cached, ShardedCache(tmp_path / aside, repr(config)))

    fresh = pairs(collect(content, config))
    assert found("aside") == fresh  # read afresh, and kept aside
    assert found("aside") == fresh and len(shard_entries(tmp_path / "aside")) == 5  # from the cache, and aside
    assert found("lost") == fresh and len(shard_entries(tmp_path / "lost")) == 5  # made again, and kept
    next(content.glob("004_*")).unlink()
    assert found("aside") == pairs(collect(content, config)) and len(shard_entries(tmp_path / "aside")) == 4


def test_a_file_is_read_again_only_when_its_stamps_change(tmp_path, monkeypatch):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "notes.yml").write_text("{}\n", encoding="utf-8")  # a sidecar with no content file
    config = SiteConfig()
    read = []
    monkeypatch.setattr(pipeline, "_read", lambda folder, rel: read.append(rel) or (folder / rel).read_bytes())
    monkeypatch.setattr(pipeline, "SETTLED_NS", 0)

    def reads() -> list[str]:
        read.clear()
        assert set_aside(collect(content, config, ShardedCache(tmp_path / "cache", repr(config)))) == \
            set_aside(collect(content, config))
        return sorted(read)

    assert len(reads()) == 5
    assert reads() == []
    first = sorted(content.glob("*.txt"))[0]
    text = first.read_text(encoding="utf-8")
    first.write_text(text.replace("patients", "Patients", 1), encoding="utf-8")  # the same size
    assert reads() == [first.name]
    (content / f"{first.stem}.yml").write_text("title: Corrected\n", encoding="utf-8")
    assert reads() == [first.name, f"{first.stem}.yml"]
    monkeypatch.setattr(pipeline, "SETTLED_NS", 10**18)  # from now on, no file has had the time to settle
    assert reads() == []
    assert len(reads()) == 6
    assert len(reads()) == 6


def build(content: Path, out: Path, *flags: str) -> None:
    subprocess.run([sys.executable, "-m", "generator", "build", "--content", str(content), "--out", str(out),
                    "--config", str(ROOT / "site_config.yml"), *flags], check=True, capture_output=True)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_adding_an_abstract_to_a_cached_build_gives_the_bytes_of_a_cold_build(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content, ignore=shutil.ignore_patterns("004_*"))
    build(content, tmp_path / "warm" / "site")
    shutil.copy(next((ROOT / "content").glob("004_*")), content)
    time.sleep(pipeline.SETTLED_NS / 1e9)  # the files' stamps settle, however long the first build took
    build(content, tmp_path / "warm" / "site")
    # The five files' results and the stamps memo (kept once the stamps have settled): a count that depended
    # on how long the first build took, until the test waited for them to settle.
    assert len(shard_entries(tmp_path / "warm" / ".litreview-cache")) == 6
    # The five study pages, the 17 comparison pages besides the hub (MkDocs lays it out), the
    # five outcome pages and the year page (put together from their rows), the rows of the 22 of
    # those 23 pages that list some (all but the evidence map) and of the home page, the record
    # of the study pages the site holds, what MkDocs laid out (the second build wrote it from the cache) and the
    # data page.
    assert len(list((tmp_path / "warm" / ".litreview-cache" / "pages").glob("*.entry"))) == 5 + 17 + 22 + 1 + 1 + 1 + 1
    build(content, tmp_path / "cold" / "site", "--no-cache")
    assert not (tmp_path / "cold" / ".litreview-cache").exists()
    assert tree(tmp_path / "warm" / "site") == tree(tmp_path / "cold" / "site")


def test_the_page_cache_is_keyed_by_the_templates_too(tmp_path, monkeypatch):
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES_DIR, templates)
    monkeypatch.setattr(cache_module, "TEMPLATES_DIR", templates)
    before = BuildCache(tmp_path, "", with_templates=True).salt
    assert BuildCache(tmp_path, "").salt == BuildCache(tmp_path, "").salt != before
    (templates / "pages" / "study.html.j2").write_text("changed", encoding="utf-8")
    assert BuildCache(tmp_path, "", with_templates=True).salt != before
    assert BuildCache(tmp_path, "").salt == BuildCache(tmp_path, "").salt


def cached_build(content: Path, cache: Path, out: Path) -> dict[str, bytes]:
    """Build in this process through both caches, as ``litreview build`` does; the site's files."""
    config = SiteConfig()
    collection = collect(content, config, ShardedCache(cache, repr(config)))
    pages = BuildCache(cache / "pages", repr(config), with_templates=True)
    with site_folder(out, pages) as folder:
        publish(collection, folder, config, page_cache=pages, aside=ShardedCache(cache / "aside", repr(config)))
    return tree(out)


def test_a_page_is_rendered_again_only_when_what_it_shows_changes(tmp_path, monkeypatch):
    """Study pages when their study or links change, comparison pages when their data does,
    outcome table rows and studies' rows (from which the pages that list them are put together) when new."""
    studies: list[str] = []
    pages: list[str] = []
    rows: list[str] = []
    study_rows: list[str] = []
    render_pages, page_files, csv_fields, row_cache = (
        study_module.render_pages, comparisons_module.page_files, comparisons_module.csv_fields,
        comparisons_module.RowCache.__init__)

    def counting_studies(batch, common, env=None):
        studies.extend(load_study(encoded, None).id for encoded, *_ in batch)
        return render_pages(batch, common, env)

    def counting_pages(env, page, common, row_cache):
        if page.kind not in comparisons_module.ROW_PAGES:
            pages.append(page.url)
        return page_files(env, page, common, row_cache)

    def counting_rows(row):
        rows.append(row.study_id)
        return csv_fields(row)

    class CountingMacros:
        def __init__(self, macros):
            self.macros = macros

        def __getattr__(self, name):
            macro = getattr(self.macros, name)
            return lambda entry, *args: study_rows.append(f"{name} {entry.study_id}") or macro(entry, *args)

    def counting_study_rows(self, *args, **kwargs):
        row_cache(self, *args, **kwargs)
        self.macros = CountingMacros(self.macros)  # what ``study_rows`` makes, counted

    monkeypatch.setattr(study_module, "render_pages", counting_studies)
    monkeypatch.setattr(comparisons_module, "page_files", counting_pages)
    monkeypatch.setattr(comparisons_module, "csv_fields", counting_rows)
    monkeypatch.setattr(comparisons_module.RowCache, "__init__", counting_study_rows)
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content, ignore=shutil.ignore_patterns("004_*"))

    def build_once() -> tuple[list[str], list[str], list[str], list[str]]:
        for done in (studies, pages, rows, study_rows):
            done.clear()
        cached_build(content, tmp_path / "cache", tmp_path / "site")
        return sorted(studies), sorted(pages), sorted(set(rows)), sorted(study_rows)

    assert [len(done) for done in build_once()] == [4, 16, 2, 44]
    assert build_once() == ([], [], [], [])
    shutil.copy(next((ROOT / "content").glob("004_*")), content)
    # The added trial, and the one other study of colorectal cancer: its page now links to that
    # condition's page, which a second study brings into being. The pages of the trial's
    # conditions and interventions and the evidence map, which lists every study, the outcome
    # rows of the trial and of that study (a second study of overall survival brings that
    # outcome's page into being), and the trial's rows alone on the home page, the year page and
    # its four topic pages (a row in the table and an item in a list on each): the other studies'
    # rows on those pages are kept.
    trial = "doi-10-1093-jnci-djx015"
    assert build_once() == (
        ["000-05b27af23292c448", trial],
        ["compare/evidence-map/", "conditions/colorectal-cancer/", "conditions/liver-metastases/",
         "interventions/radiofrequency-ablation/", "interventions/systemic-therapy/"],
        ["000-05b27af23292c448", trial],
        [f"home_row {trial}"] + [f"topic_item {trial}"] * 4 + [f"topic_row {trial}"] * 4 + [f"year_item {trial}"])


def test_a_study_page_is_linked_from_the_previous_site_unless_changed_there(tmp_path, monkeypatch):
    """Kept pages are not even read: a page changed or replaced in the site since is taken from
    the cache instead, and with no site left (a CI run that keeps only the cache), all are."""
    first = cached_build(ROOT / "content", tmp_path / "cache", tmp_path / "site")
    gets = []
    get = BuildCache.get
    monkeypatch.setattr(BuildCache, "get", lambda self, key, kind: gets.append(key) or get(self, key, kind))

    def cache_reads(site: str = "site") -> int:
        gets.clear()
        assert cached_build(ROOT / "content", tmp_path / "cache", tmp_path / site) == first
        return len(gets)

    unchanged = cache_reads()
    pages = sorted((tmp_path / "site" / "studies").iterdir())
    pages[0].write_bytes(b"edited")
    pages[1].unlink()
    pages[1].write_bytes(first[f"studies/{pages[1].name}"])  # the same bytes, written since
    assert cache_reads() == unchanged + 2
    assert cache_reads("elsewhere") == unchanged + 5
    assert cache_reads("elsewhere") == unchanged


def test_a_build_on_every_core_gives_the_bytes_of_one_in_this_process(tmp_path, monkeypatch):
    """Files read in worker processes; study pages rendered in them, the comparison pages and
    search index in copies of this process; with the cache, then from it."""
    serial = cached_build(ROOT / "content", tmp_path / "serial", tmp_path / "serial" / "site")
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(render_module, "PARALLEL_MIN_PAGES", 1)
    assert cached_build(ROOT / "content", tmp_path / "cache", tmp_path / "site") == serial
    assert cached_build(ROOT / "content", tmp_path / "cache", tmp_path / "again") == serial
    # The entries the copies used are kept too.
    assert len(list((tmp_path / "cache" / "pages").iterdir())) == len(list((tmp_path / "serial" / "pages").iterdir()))


def test_an_unreadable_cached_page_is_rendered_again(tmp_path):
    first = cached_build(ROOT / "content", tmp_path / "cache", tmp_path / "first")
    for entry in (tmp_path / "cache" / "pages").glob("*.entry"):
        entry.write_bytes(b"not an entry")
    assert cached_build(ROOT / "content", tmp_path / "cache", tmp_path / "second") == first
    assert all(len(p.read_bytes()) > 100 for p in (tmp_path / "cache" / "pages").glob("*.entry"))


def test_the_data_page_is_laid_out_again_only_when_the_data_contract_changes(tmp_path, monkeypatch):
    contract = tmp_path / "data.md"
    contract.write_text("# Data\n\nOne line.\n", encoding="utf-8")
    laid_out: list[str] = []
    markdown = downloads_module.markdown.markdown
    monkeypatch.setattr(downloads_module, "CONTRACT", contract)
    monkeypatch.setattr(downloads_module, "markdown", SimpleNamespace(
        markdown=lambda text, **kw: laid_out.append(text) or markdown(text, **kw)))
    first = cached_build(ROOT / "content", tmp_path / "cache", tmp_path / "site")["data/index.html"]
    again = cached_build(ROOT / "content", tmp_path / "cache", tmp_path / "site")["data/index.html"]
    assert (len(laid_out), again) == (1, first)
    contract.write_text("# Data\n\nTwo lines.\n", encoding="utf-8")
    assert b"Two lines." in cached_build(ROOT / "content", tmp_path / "cache", tmp_path / "site")["data/index.html"]
    assert len(laid_out) == 2


TRIAL_REPORTS = {
    "first.txt": "Hepatic arterial infusion for colorectal liver metastases: the HAI-1 trial (NCT01234567)\n\n"
                 "Smith J, Jones K. J Clin Oncol. 2019.\n\n"
                 "Methods: In this randomized phase III trial (NCT01234567), 200 patients were assigned to hepatic "
                 "arterial infusion plus systemic chemotherapy or systemic chemotherapy alone.\n"
                 "Results: The objective response rate was 62% with hepatic arterial infusion and 41% with systemic "
                 "chemotherapy alone (p = 0.003). Median overall survival was 38.1 months versus 27.4 months "
                 "(hazard ratio 0.68; 95% CI 0.51-0.90; p = 0.007).\n",
    "other.txt": "Radiofrequency ablation for colorectal liver metastases (NCT09999999)\n\n"
                 "White C. Lancet Oncol. 2020.\n\n"
                 "Methods: In this randomized phase II trial, 120 patients were assigned to radiofrequency ablation "
                 "plus systemic chemotherapy or systemic chemotherapy alone.\n"
                 "Results: The objective response rate was 55% with ablation and 40% without (p = 0.04). Median "
                 "overall survival was 45.6 months versus 40.5 months (hazard ratio 0.74; 95% CI 0.58-0.95).\n",
}
LATER_REPORT = ("Long-term outcomes of the HAI-1 trial (NCT01234567)\n\nBrown A, Green B. Ann Oncol. 2022.\n\n"
                "Methods: In the randomized phase III trial NCT01234567, 200 patients received hepatic arterial "
                "infusion plus systemic chemotherapy or systemic chemotherapy alone.\n"
                "Results: The 5-year overall survival was 35% with hepatic arterial infusion and 21% with systemic "
                "chemotherapy alone (hazard ratio 0.70; 95% CI 0.52-0.94; p = 0.01). The objective response rate "
                "was 61% versus 42%.\n")


def test_a_second_report_of_a_trial_added_marks_the_first_reports_rows_as_a_cold_build_does(tmp_path):
    """An outcome row kept between builds says which trial it reports and how many reports it has."""
    content = tmp_path / "content"
    content.mkdir()
    for name, text in TRIAL_REPORTS.items():
        (content / name).write_text(text, encoding="utf-8")
    cached_build(content, tmp_path / "cache", tmp_path / "site")
    (content / "later.txt").write_text(LATER_REPORT, encoding="utf-8")
    warm = cached_build(content, tmp_path / "cache", tmp_path / "site")
    cold = publish_cold(content, tmp_path / "cold")
    marked = [rel for rel, data in cold.items() if rel.startswith("compare/") and b"one of 2 reports" in data]
    assert sorted(marked) == ["compare/effect-sizes/index.html", "compare/overall-survival/index.html",
                              "compare/response/index.html"]
    assert warm == cold


def publish_cold(content: Path, out: Path) -> dict[str, bytes]:
    """Build in this process through no cache, as ``litreview build --no-cache`` does; the site's files."""
    config = SiteConfig()
    with site_folder(out) as folder:
        publish(collect(content, config), folder, config)
    return tree(out)


def test_a_forest_plots_rows_are_kept_between_builds_while_its_scale_holds(tmp_path, monkeypatch):
    drawn: list[str] = []
    forest_row_html = comparisons_module.forest_row_html
    monkeypatch.setattr(comparisons_module, "forest_row_html",
                        lambda row, scale, root: drawn.append(row.study_id) or forest_row_html(row, scale, root))
    content = tmp_path / "content"
    content.mkdir()
    for name, text in TRIAL_REPORTS.items():
        (content / name).write_text(text, encoding="utf-8")
    first = cached_build(content, tmp_path / "cache", tmp_path / "site")
    assert sorted(drawn) == ["first", "other"]
    drawn.clear()
    assert (cached_build(content, tmp_path / "cache", tmp_path / "site"), drawn) == (first, [])

"""The render stage's own files: the sitemap (MkDocs' dated one is switched off)."""

from __future__ import annotations

import pytest

from generator.render import page_url, sitemap


@pytest.mark.parametrize("rel, url", [
    ("index.md", ""), ("compare/response.md", "compare/response/"), ("compare/index.md", "compare/"),
    ("compare/response/index.html", "compare/response/"), ("search/index.html", "search/"),
    ("studies/pmid-1.html", "studies/pmid-1.html"), ("studies/index.html", "studies/"),
])
def test_page_url(rel, url):
    assert page_url(rel) == url


def test_sitemap_lists_every_page_once_in_order_with_no_dates():
    text = sitemap("https://x.org/r&d", ["studies/b.html", "index.md", "studies/b.html"])
    assert text == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        "  <url><loc>https://x.org/r&amp;d/</loc></url>\n"
        "  <url><loc>https://x.org/r&amp;d/studies/b.html</loc></url>\n"
        "</urlset>\n"
    )

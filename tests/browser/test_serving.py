"""The test server maps a sub-path onto a folder, as GitHub Pages does for a project site."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .serving import serve_folder


def fetch(url: str) -> tuple[int, bytes, str]:
    request = urllib.request.Request(url)
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.read(), response.headers.get("Location", "")
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers.get("Location", "")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    (tmp_path / "index.html").write_text("home")
    (tmp_path / "404.html").write_text("site not-found page")
    (tmp_path / "badges" / "a").mkdir(parents=True)
    (tmp_path / "badges" / "a" / "index.html").write_text("badge a")
    (tmp_path / "empty").mkdir()
    return tmp_path


def test_files_under_the_prefix_are_served(folder: Path) -> None:
    with serve_folder(folder, "repo") as site:
        assert site.base_url.startswith("http://127.0.0.1:")
        assert site.base_url.endswith("/repo/")
        assert fetch(site.base_url)[:2] == (200, b"home")
        assert fetch(site.base_url + "badges/a/")[:2] == (200, b"badge a")


def test_folders_without_a_slash_redirect_to_it(folder: Path) -> None:
    with serve_folder(folder, "/repo/") as site:
        status, _, location = fetch(site.base_url + "badges/a")
        assert (status, location) == (301, "/repo/badges/a/")
        assert fetch(site.origin + "/repo")[::2] == (301, "/repo/")


def test_paths_outside_the_prefix_are_404(folder: Path) -> None:
    with serve_folder(folder, "/repo/") as site:
        status, body, _ = fetch(site.origin + "/badges/a/")
        assert status == 404
        assert b"not-found page" not in body
        assert fetch(site.origin + "/repository/")[0] == 404


def test_missing_paths_inside_get_the_site_404_page(folder: Path) -> None:
    with serve_folder(folder, "/repo/") as site:
        assert fetch(site.base_url + "nothing/here/")[:2] == (404, b"site not-found page")
        assert fetch(site.base_url + "empty/")[:2] == (404, b"site not-found page")


def test_root_prefix_serves_the_whole_origin(folder: Path) -> None:
    with serve_folder(folder) as site:
        assert site.base_url == site.origin + "/"
        assert fetch(site.origin + "/badges/a/")[:2] == (200, b"badge a")

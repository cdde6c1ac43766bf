"""A change shown before it is written: served from memory and announced at once; once
the rebuild is done, the disk is what is served, and nothing is announced twice."""

from __future__ import annotations

import threading
from pathlib import Path

from serve_support import EventStream, FakeSite, get, plan_for, wait_until

from portfolio_builder.serve import DevServer, RebuildOutcome
from portfolio_builder.serve.preview import Preview


class HeldRebuild:
    """A rebuild that shows its change and returns (pending), then writes it once let go,
    with one more file it did not show, and releases the preview."""

    def __init__(self, site: FakeSite, preview: Preview) -> None:
        self.site = site
        self.preview = preview
        self.release = threading.Event()
        self.writer: threading.Thread | None = None

    def __call__(self, paths: frozenset[Path]) -> RebuildOutcome:
        if not paths:
            return self.site.rebuild(paths)
        made = self.site.root / "made.css"  # an image the cache holds, say
        made.write_text("main { color: red }")
        shown = {"alpha/index.html": b"<html><body>Shown early</body></html>", "new.css": made}
        self.preview.hold()
        self.preview.show(shown, ("beta/index.html",))
        self.writer = threading.Thread(target=self._write)
        self.writer.start()
        return RebuildOutcome(True, None, (*shown, "beta/index.html"), pending=True)

    def _write(self) -> None:
        assert self.release.wait(10)
        (self.site.output / "alpha" / "index.html").write_text("<html><body>On disk</body></html>")
        (self.site.output / "extra.css").write_text("p { margin: 0 }")
        self.preview.release(RebuildOutcome(True, None, ("extra.css",)))  # what it did not show


def test_a_previewed_change_is_served_and_announced_before_it_is_written(
    tmp_path: Path,
) -> None:
    site = FakeSite(tmp_path / "site").create({"alpha": "First page", "beta": "Second page"})
    preview = Preview()
    rebuild = HeldRebuild(site, preview)
    lines: list[str] = []
    with DevServer(
        site.output, rebuild, plan_for(site), echo=lines.append, preview=preview
    ) as server:
        stream = EventStream(server.port, "/__livereload")
        try:
            assert stream.next()[0] == "hello"
            server.build(frozenset({Path("x")}))  # returns once shown: still to be written
            name, data = stream.next(timeout=10)
            assert name == "reload" and data["changed"] == ["alpha/", "new.css", "beta/"]
            page = get(server.port, "/alpha/")
            assert "Shown early" in page.text and "__livereload" in page.text
            assert "First page" in (site.output / "alpha" / "index.html").read_text()
            assert get(server.port, "/beta/").status == 404  # removed by the change
            assert get(server.port, "/new.css").text == "main { color: red }"
            rebuild.release.set()
            assert rebuild.writer is not None
            rebuild.writer.join(10)
            assert "On disk" in get(server.port, "/alpha/").text
            assert get(server.port, "/beta/").status == 200
            assert get(server.port, "/new.css").status == 404
            name, data = stream.next(timeout=10)  # only what was not shown: nothing twice
            assert name == "reload" and data["changed"] == ["extra.css"]
        finally:
            rebuild.release.set()
            stream.close()
    assert any("shown in" in line for line in lines)


def test_a_failed_rebuild_after_a_preview_shows_the_old_site_and_the_error(
    tmp_path: Path,
) -> None:
    site = FakeSite(tmp_path / "site").create({"alpha": "First page"})
    preview = Preview()

    def failing(paths: frozenset[Path]) -> RebuildOutcome:
        if not paths:
            return site.rebuild(paths)
        preview.show({"alpha/index.html": b"<html><body>Never written</body></html>"}, ())
        return RebuildOutcome(False, "the disk is full")

    with DevServer(site.output, failing, plan_for(site), echo=print, preview=preview) as server:
        server.build(frozenset({Path("x")}))
        page = wait_until(lambda: get(server.port, "/alpha/"), 5)
        assert "First page" in page.text  # type: ignore[attr-defined]
        assert "the disk is full" in page.text  # type: ignore[attr-defined]

"""The watcher: what counts as a change, debouncing and the single rebuild worker."""

from __future__ import annotations

import threading
import warnings
from pathlib import Path

import pytest
from serve_support import FakeSite, get, plan_for, wait_until
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from portfolio_builder.serve import DevServer, ServeError, WatchPlan
from portfolio_builder.serve.debounce import Debouncer
from portfolio_builder.serve.watch import Watcher, is_editor_temp, quiet_watchdog_rewatch


@pytest.mark.parametrize(
    "name", ["page.txt.swp", ".page.txt.swx", "page.txt~", ".#page.txt", "#page.txt#", "4913"]
)
def test_editor_temporaries_are_recognised(name: str) -> None:
    assert is_editor_temp(name)


@pytest.mark.parametrize("name", ["page.txt", "badge.png", "swp.json", "4913.png"])
def test_real_files_are_not_temporaries(name: str) -> None:
    assert not is_editor_temp(name)


def test_plan_accepts_only_watched_visible_files(tmp_path: Path) -> None:
    plan = WatchPlan.of(
        [tmp_path / "content", tmp_path / "portfolio.yaml"],
        full_rebuild=[tmp_path / "portfolio.yaml"],
        ignore=[tmp_path / "content" / "out"],
    )
    assert plan.accepts(tmp_path / "content" / "badges" / "a.png")
    assert plan.accepts(tmp_path / "portfolio.yaml")
    assert not plan.accepts(tmp_path / "other.yaml")
    assert not plan.accepts(tmp_path / "content" / "out" / "index.html")
    assert not plan.accepts(tmp_path / "content" / ".git" / "index")
    assert not plan.accepts(tmp_path / "content" / "a.png.swp")


def test_plan_admits_paths_reported_through_or_past_symlinks(tmp_path: Path) -> None:
    real = tmp_path / "real"
    (real / "content").mkdir(parents=True)
    (real / "portfolio.yaml").write_text("title: x\n")
    elsewhere = tmp_path / "downloads" / "b.png"
    elsewhere.parent.mkdir()
    elsewhere.write_bytes(b"png")
    (real / "content" / "b.png").symlink_to(elsewhere)
    link = tmp_path / "link"
    link.symlink_to(real)
    plan = WatchPlan.of([link / "content", link / "portfolio.yaml"], [link / "portfolio.yaml"])
    assert plan.admit(str(link / "content" / "a.png")) == link / "content" / "a.png"
    assert plan.admit(str(real / "content" / "a.png")) == real / "content" / "a.png"
    assert plan.admit(str(link / "content" / "b.png")) == link / "content" / "b.png"
    assert plan.admit(str(real / "content" / ".a.png.swp")) is None
    assert plan.admit(str(elsewhere)) is None
    assert plan.classify(frozenset({real / "portfolio.yaml"})) == frozenset()


def test_plan_classifies_config_changes_as_full_builds(tmp_path: Path) -> None:
    plan = WatchPlan.of([tmp_path], full_rebuild=[tmp_path / "portfolio.yaml", tmp_path / "theme"])
    badge = tmp_path / "content" / "a.png"
    assert plan.classify(frozenset({badge})) == frozenset({badge})
    assert plan.classify(frozenset({badge, tmp_path / "portfolio.yaml"})) == frozenset()
    assert plan.classify(frozenset({tmp_path / "theme" / "base.html"})) == frozenset()


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_debouncer_max_wait_releases_a_steady_stream() -> None:
    clock = FakeClock()
    batches: list[frozenset[Path]] = []
    debouncer = Debouncer(batches.append, quiet=0.2, max_wait=0.3, clock=clock)
    debouncer.start()
    try:
        for at, name in ((0.0, "a"), (0.15, "b"), (0.29, "c")):
            clock.now = at  # never quiet for 0.2 s
            debouncer.add([Path(name)])
        clock.now = 0.31  # 0.3 s since the first change, 0.02 s since the last
        wait_until(lambda: batches)
        assert batches == [frozenset({Path("a"), Path("b"), Path("c")})]
    finally:
        debouncer.stop()


def test_debouncer_waits_for_quiet_then_coalesces() -> None:
    clock = FakeClock()
    batches: list[frozenset[Path]] = []
    debouncer = Debouncer(batches.append, quiet=0.05, max_wait=5.0, clock=clock)
    debouncer.start()
    try:
        for n in range(5):
            clock.now = n * 0.04  # each change comes before the last one has gone quiet
            debouncer.add([Path(f"f{n}")])
        clock.now = 0.16 + 0.05
        wait_until(lambda: batches)
        assert batches == [frozenset(Path(f"f{n}") for n in range(5))]
    finally:
        debouncer.stop()


def test_a_save_left_whole_goes_without_the_full_quiet() -> None:
    """A change whose writer closed the file (or moved it into place) waits only for the
    rest of the same save; one that may be mid-write waits the whole quiet time."""
    clock = FakeClock()
    batches: list[frozenset[Path]] = []
    debouncer = Debouncer(batches.append, quiet=0.5, max_wait=5.0, clock=clock, settled_quiet=0.01)
    debouncer.start()
    try:
        debouncer.add([Path("note.yaml")])  # opened and written to: not yet whole
        clock.now = 0.02
        debouncer.add([Path("note.yaml")], settled=True)  # closed
        clock.now = 0.031
        wait_until(lambda: batches)
        assert batches == [frozenset({Path("note.yaml")})]
        debouncer.add([Path("badge.png")])  # still being written...
        clock.now = 0.1
        debouncer.add([Path("other.yaml")], settled=True)  # ...while another file is saved
        clock.now = 0.2  # long past the short wait, not past the quiet time
        threading.Event().wait(0.2)
        assert len(batches) == 1
        debouncer.add([Path("badge.png")], settled=True)  # closed too
        clock.now = 0.211
        wait_until(lambda: len(batches) == 2)
        assert batches[1] == frozenset({Path("badge.png"), Path("other.yaml")})
    finally:
        debouncer.stop()


def test_a_burst_of_saves_still_waits_the_full_quiet() -> None:
    clock = FakeClock()
    batches: list[frozenset[Path]] = []
    debouncer = Debouncer(batches.append, quiet=0.5, max_wait=5.0, clock=clock, settled_quiet=0.01)
    debouncer.start()
    try:
        for n in range(5):  # a script saving five files, each closed at once
            clock.now = n * 0.001
            debouncer.add([Path(f"b{n}.png")], settled=True)
        clock.now = 0.2
        threading.Event().wait(0.2)
        assert batches == []
        clock.now = 0.51
        wait_until(lambda: batches)
        assert batches == [frozenset(Path(f"b{n}.png") for n in range(5))]
    finally:
        debouncer.stop()


def test_the_watcher_says_when_a_save_left_the_file_whole(tmp_path: Path) -> None:
    seen: list[tuple[list[Path], bool]] = []
    watcher = Watcher(WatchPlan.of([tmp_path]), lambda p, s: seen.append((p, s)), [].append)
    watcher.start()
    try:
        (tmp_path / "note.yaml").write_text("note: saved\n")
        wait_until(lambda: any(settled for _, settled in seen))
        temporary = tmp_path / "badge.png.part"
        temporary.write_bytes(b"png")
        temporary.rename(tmp_path / "badge.png")  # as a browser finishes a download
        wait_until(lambda: any(tmp_path / "badge.png" in p and s for p, s in seen))
    finally:
        watcher.stop()
    whole = [paths for paths, settled in seen if settled]
    assert [tmp_path / "note.yaml"] in whole


def test_changes_during_a_rebuild_give_exactly_one_more() -> None:
    running = threading.Event()
    release = threading.Event()
    batches: list[frozenset[Path]] = []
    active: list[int] = []

    def slow(batch: frozenset[Path]) -> None:
        active.append(len(active))
        batches.append(batch)
        running.set()
        release.wait(5)

    debouncer = Debouncer(slow, quiet=0.01, max_wait=1.0)
    debouncer.start()
    try:
        debouncer.add([Path("first")])
        assert running.wait(5)
        for n in range(10):
            debouncer.add([Path(f"during{n}")])
        release.set()
        wait_until(lambda: len(batches) == 2)
        assert batches[1] == frozenset(Path(f"during{n}") for n in range(10))
    finally:
        debouncer.stop()


def test_a_burst_of_twenty_writes_is_one_or_two_rebuilds(server: DevServer, site: FakeSite) -> None:
    before = site.call_count()
    page = site.content / "alpha.txt"
    for n in range(20):
        page.write_text(f"Version {n}")
    wait_until(lambda: "Version 19" in get(server.port, "/alpha/").text)
    assert 1 <= site.call_count() - before <= 2


def test_editor_temporary_files_do_not_trigger_rebuilds(server: DevServer, site: FakeSite) -> None:
    before = site.call_count()
    for name in ("alpha.txt.swp", ".alpha.txt.swx", "alpha.txt~", ".#alpha.txt", "4913"):
        (site.content / name).write_text("scratch")
    (site.content / ".hidden").mkdir()
    (site.content / ".hidden" / "notes.txt").write_text("scratch")
    (site.content / "beta.txt").write_text("Saved for real")
    wait_until(lambda: "Saved for real" in get(server.port, "/beta/").text)
    assert site.calls[before:] == [frozenset({site.content / "beta.txt"})]


def test_a_file_moved_into_place_counts_as_a_change(server: DevServer, site: FakeSite) -> None:
    scratch = site.content / "alpha.txt.swp"
    scratch.write_text("Moved into place")
    scratch.replace(site.content / "alpha.txt")
    wait_until(lambda: "Moved into place" in get(server.port, "/alpha/").text)


class _Refusing(PollingObserver):
    """Stands for a native observer that hits the inotify watch limit."""

    def start(self) -> None:
        raise OSError(28, "inotify watch limit reached")


def test_falls_back_when_native_watching_fails(tmp_path: Path) -> None:
    site = FakeSite(tmp_path / "site").create({"alpha": "First page"})
    lines: list[str] = []

    def fast_polling() -> BaseObserver:
        return PollingObserver(timeout=0.05)

    observers = (_Refusing, fast_polling)
    with DevServer(
        site.output, site.rebuild, plan_for(site), echo=lines.append, observers=observers
    ) as dev:
        assert any("inotify watch limit reached" in line for line in lines)
        (site.content / "alpha.txt").write_text("Polled change")
        wait_until(lambda: "Polled change" in get(dev.port, "/alpha/").text)


def test_no_way_to_watch_is_a_readable_error(tmp_path: Path) -> None:
    plan = WatchPlan.of([tmp_path])
    watcher = Watcher(plan, lambda _, __: None, [].append, observers=(_Refusing,))
    with pytest.raises(ServeError, match="cannot watch the site's files"):
        watcher.start()


def test_missing_watch_paths_are_reported(tmp_path: Path) -> None:
    lines: list[str] = []
    plan = WatchPlan.of([tmp_path / "nope" / "themes", tmp_path])
    watcher = Watcher(plan, lambda _, __: None, lines.append)
    watcher.start()
    watcher.stop()
    assert lines == [f"serve: not watching {tmp_path / 'nope' / 'themes'}: it does not exist"]


def test_watchdogs_rewatch_warning_cannot_stop_the_watcher() -> None:
    """watchdog warns from its own thread when a watched folder is made again; with
    warnings as errors (as in this suite) that would end the thread and all watching."""
    message = "Callback with id '1' already exists for watch <Watch>. It will be Overwritten."
    with pytest.raises(RuntimeWarning):
        warnings.warn(message, RuntimeWarning, stacklevel=1)
    quiet_watchdog_rewatch()
    warnings.warn(message, RuntimeWarning, stacklevel=1)  # now ignored, not raised
    with pytest.raises(RuntimeWarning):
        warnings.warn("any other runtime warning", RuntimeWarning, stacklevel=1)

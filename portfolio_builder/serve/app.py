"""The dev server as a whole: first build, HTTP server, watcher and rebuild worker."""

from __future__ import annotations

import ipaddress
import threading
import time
import webbrowser
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from types import TracebackType

import click

from portfolio_builder.serve.debounce import MAX_WAIT_SECONDS, QUIET_SECONDS, Debouncer
from portfolio_builder.serve.errors import ServeError
from portfolio_builder.serve.outcome import (
    FULL_BUILD,
    Rebuild,
    RebuildOutcome,
    describe_exception,
    safe_rebuild,
)
from portfolio_builder.serve.preview import Preview
from portfolio_builder.serve.reload import ReloadEvent, ReloadHub
from portfolio_builder.serve.resolve import normalize_prefix
from portfolio_builder.serve.server import KEEPALIVE_SECONDS, DevHTTPServer, Site
from portfolio_builder.serve.watch import (
    ObserverFactory,
    Watcher,
    WatchPlan,
    absolute,
    native_observer,
    polling_observer,
)


def is_loopback(bind: str) -> bool:
    """True when only this machine can reach an address bound to ``bind``."""
    if bind == "localhost":
        return True
    try:
        return ipaddress.ip_address(bind).is_loopback
    except ValueError:
        return False


def echo_stderr(line: str) -> None:
    click.echo(line, err=True)


def wait_forever() -> None:
    """Block until Ctrl-C (KeyboardInterrupt)."""
    threading.Event().wait()


class DevServer:
    """Serves ``output_dir`` under ``prefix`` and rebuilds it as watched files change.

    ``start()`` binds the port, runs a full build, then serves and watches;
    ``stop()`` undoes all of it. It is also a context manager.
    """

    def __init__(
        self,
        output_dir: Path,
        rebuild: Rebuild,
        plan: WatchPlan,
        *,
        bind: str = "127.0.0.1",
        port: int = 0,
        prefix: str = "/",
        echo: Callable[[str], None] = echo_stderr,
        quiet: float = QUIET_SECONDS,
        max_wait: float = MAX_WAIT_SECONDS,
        observers: Sequence[ObserverFactory] = (native_observer, polling_observer),
        log_requests: bool = False,
        keepalive: float = KEEPALIVE_SECONDS,
        preview: Preview | None = None,
    ) -> None:
        self.hub = ReloadHub()
        self._preview = preview
        self._announced: ReloadEvent | None = None
        if preview is not None:
            preview.listen(self._announce, self._written)
        self._log_requests = log_requests
        self._keepalive = keepalive
        self._site = Site(output_dir.resolve(), normalize_prefix(prefix))
        self._rebuild = rebuild
        self._plan = WatchPlan(plan.paths, plan.full_rebuild, (*plan.ignore, absolute(output_dir)))
        self._address = (bind, port)
        self._echo = echo
        self._debouncer = Debouncer(self._on_batch, quiet, max_wait)
        self._watcher = Watcher(self._plan, self._debouncer.add, echo, observers)
        self._httpd: DevHTTPServer | None = None
        self._serving: threading.Thread | None = None

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("the server is not started")
        return self._httpd.server_port

    @property
    def url(self) -> str:
        """The address to open in a browser, prefix included."""
        host = self._address[0]
        host = {"": "127.0.0.1", "0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{self.port}{self._site.prefix}"

    def start(self) -> None:
        """Bind, build once, then serve and watch. Raises ``ServeError`` if it cannot."""
        try:
            self._httpd = DevHTTPServer(
                self._address,
                self._site,
                self.hub,
                self._echo,
                self._log_requests,
                self._keepalive,
                self._preview,
            )
        except OSError as exc:
            raise ServeError(
                f"cannot listen on {self._address[0]}:{self._address[1]}: {exc}"
            ) from exc
        try:
            self._watcher.start()
        except ServeError:
            self._httpd.server_close()
            raise
        self.build(FULL_BUILD)
        self._debouncer.start()
        self._serving = threading.Thread(
            target=self._httpd.serve_forever, args=(0.1,), name="portfolio-serve", daemon=True
        )
        self._serving.start()

    def stop(self) -> None:
        """Stop watching, finish a rebuild in progress, close every connection."""
        self._watcher.stop()
        self._debouncer.stop(timeout=30)
        self.hub.close()
        if self._httpd is not None:
            if self._serving is not None:
                self._httpd.shutdown()
                self._serving.join(timeout=5)
            self._httpd.server_close()
            self._httpd = self._serving = None

    def build(self, paths: frozenset[Path]) -> ReloadEvent:
        """Run one rebuild, publish its outcome to open tabs and report it. A rebuild that
        showed its change and is still writing it (``pending``) was announced then
        (``_announce``); its outcome comes later (``_written``)."""
        began = time.perf_counter()
        outcome = safe_rebuild(self._rebuild, paths)
        self._report(outcome, paths, (time.perf_counter() - began) * 1000)
        if outcome.pending and self._announced is not None:
            return self._announced
        if self._preview is not None:
            self._preview.clear()
        return self.hub.publish(outcome)

    def _announce(self, paths: tuple[str, ...]) -> None:
        """Tell open tabs about a change the preview serves before it is written."""
        self._announced = self.hub.publish(RebuildOutcome(True, None, paths))

    def _written(self, outcome: RebuildOutcome) -> None:
        """A shown change is written: what it did not show, or its failure, is news."""
        if not outcome.ok:
            self._echo(
                f"writing the site failed; still serving the last good site\n  {outcome.error}"
            )
        if not outcome.ok or outcome.changed:
            self.hub.publish(outcome)

    def _on_batch(self, batch: frozenset[Path]) -> None:
        try:
            self.build(self._plan.classify(batch))
        except Exception as exc:  # keep the worker alive whatever happens
            self._echo(f"serve: could not rebuild: {describe_exception(exc)}")

    def _report(self, outcome: RebuildOutcome, paths: frozenset[Path], ms: float) -> None:
        what = "built the whole site" if not paths else "rebuilt"
        if outcome.pending:
            count = len(outcome.changed)
            noun = "page or file" if count == 1 else "pages or files"
            self._echo(f"shown in {ms:.0f} ms: {count} {noun} changed (now writing them)")
        elif outcome.ok:
            count = len(outcome.changed)
            noun = "page or file" if count == 1 else "pages or files"
            self._echo(f"{what} in {ms:.0f} ms: {count} {noun} changed")
        else:
            self._echo(
                f"build failed after {ms:.0f} ms; still serving the last good site\n"
                f"  {outcome.error}"
            )

    def __enter__(self) -> DevServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def run(
    output_dir: Path,
    watch_paths: Iterable[Path],
    rebuild: Rebuild,
    bind: str = "127.0.0.1",
    port: int = 8000,
    prefix: str = "/",
    open_browser: bool = False,
    *,
    full_rebuild_paths: Iterable[Path] = (),
    ignore_paths: Iterable[Path] = (),
    log_requests: bool = False,
    echo: Callable[[str], None] = echo_stderr,
    opener: Callable[[str], object] = webbrowser.open,
    wait: Callable[[], object] | None = None,
    preview: Preview | None = None,
) -> None:
    """Build, serve and watch until Ctrl-C. Raises ``ServeError`` when it cannot start."""
    plan = WatchPlan.of(watch_paths, full_rebuild_paths, ignore_paths)
    server = DevServer(
        output_dir,
        rebuild,
        plan,
        bind=bind,
        port=port,
        prefix=prefix,
        echo=echo,
        log_requests=log_requests,
        preview=preview,
    )
    try:
        server.start()
        echo(f"Serving {output_dir} at {server.url} (Ctrl-C to stop)")
        if not is_loopback(bind):
            echo(f"Listening on {bind}: other machines on your network can see this site.")
        if open_browser:
            opener(server.url)
        (wait or wait_forever)()
    except KeyboardInterrupt:
        echo("Stopping.")
    finally:
        server.stop()

"""Headless Chromium for the browser tests, and a recorder of everything a context does.

The recorder routes every request: one to another origin is recorded and aborted, so a
test never reaches outside this machine, and the site is shown to contact no one else.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Error,
    Page,
    Playwright,
    Request,
    Response,
    Route,
)

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def launch(playwright: Playwright) -> Browser:
    """The system Chromium; never a browser downloaded by Playwright."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@dataclass
class Recorder:
    """What happened in one browser context; ``problems`` is empty for a healthy site."""

    origin: str
    statuses: dict[str, int] = field(default_factory=dict)
    foreign: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def on_route(self, route: Route) -> None:
        url = route.request.url
        if url.startswith(("http:", "https:", "ws:", "wss:")) and origin_of(url) != self.origin:
            self.foreign.append(url)
            route.abort("blockedbyclient")
            return
        route.continue_()

    def on_response(self, response: Response) -> None:
        self.statuses[response.url] = response.status

    def on_failed(self, request: Request) -> None:
        """A same-origin request that never got an answer; one cut short by leaving the
        page (``net::ERR_ABORTED``) is the visitor's doing, not the site's."""
        if origin_of(request.url) == self.origin and request.failure != "net::ERR_ABORTED":
            self.failed.append(f"{request.url}: {request.failure}")

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.page.url if message.page else "?"
            self.console_errors.append(f"{where}: {message.text}")

    def on_page_error(self, error: Error) -> None:
        self.page_errors.append(f"{error.name}: {error.message}")

    def broken(self) -> list[str]:
        """Same-origin requests that answered 4xx/5xx or failed outright."""
        codes = [f"{url} answered {code}" for url, code in self.statuses.items() if code >= 400]
        return codes + [f"request failed: {text}" for text in self.failed]

    def errors(self) -> list[str]:
        """Console errors and uncaught script errors."""
        console = [f"console error: {text}" for text in self.console_errors]
        return console + [f"page error: {text}" for text in self.page_errors]


def recorded_context(
    browser: Browser, origin: str, *, javascript: bool = True
) -> tuple[BrowserContext, Recorder]:
    """A fresh context whose traffic, console and script errors are all recorded."""
    context = browser.new_context(java_script_enabled=javascript, service_workers="block")
    recorder = Recorder(origin)
    context.route("**/*", recorder.on_route)
    context.on("response", recorder.on_response)
    context.on("requestfailed", recorder.on_failed)
    context.on("console", recorder.on_console)
    context.on("weberror", lambda web_error: recorder.on_page_error(web_error.error))
    return context, recorder


@contextmanager
def visiting(
    browser: Browser, base_url: str, *, javascript: bool = True
) -> Iterator[tuple[Page, Recorder]]:
    """One page in a fresh recorded context, closed at the end of the block."""
    context, recorder = recorded_context(browser, origin_of(base_url), javascript=javascript)
    try:
        yield context.new_page(), recorder
    finally:
        context.close()

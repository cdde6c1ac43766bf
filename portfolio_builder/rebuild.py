"""Skip a rebuild when nothing it reads has changed and its output is still right.

Every full build leaves a record in ``.portfolio-cache/stages/``: a key of the tool
version and the build's flags; the size, times and inode of every file it could
read (``portfolio.yaml``, ``content/``, ``themes/``, ``templates/``, the site
folder's own files, the avatar, the issuer snapshot, the theme folders, the tool's
code), taken *before* it read them; the same for every file of the output and of
the HTTP cache, taken after; and the span of time in which its output stays right.
That span ends when a cached HTTP answer goes stale and, unless ``--now`` is given,
at the next UTC midnight (pages show the day), when a badge becomes valid or
expires, or at once when a badge depends on a status list. An online build that
left a badge ``unverifiable`` (its issuer may have been down) is never skipped.
A rebuild with the same key, the same files and a clock in that span keeps the
site as it is: every ``checked_at`` stays the time the badges were last checked.

This module imports nothing heavy; the full build is imported only when needed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import portfolio_builder
from portfolio_builder import __version__
from portfolio_builder.buildreport import BuildOptions, BuildReport, WriteReport, output_folder

if TYPE_CHECKING:
    from collections.abc import Iterable

    from portfolio_builder.checking import Progress
    from portfolio_builder.warm import Session

CACHE = Path(".portfolio-cache")
RECORD = CACHE / "stages" / "last-build.pickle"
Files = dict[str, tuple[int, int, int, int]]


@dataclass(frozen=True, slots=True)
class Record:
    key: str
    roots: tuple[str, ...]
    inputs: Files
    outputs: Files
    span: tuple[float, float]
    report: BuildReport


def _walk(root: str, found: Files) -> None:
    try:
        entries = list(os.scandir(root))
    except NotADirectoryError:
        with contextlib.suppress(OSError):
            info = os.stat(root)  # noqa: PTH116 (strings, not paths: thousands of files)
            found[root] = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
        return
    except OSError:
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            _walk(entry.path, found)
        else:
            with contextlib.suppress(OSError):
                info = entry.stat()
                found[entry.path] = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def scan(roots: Iterable[str]) -> Files:
    """Every file under ``roots`` (folders walked, files taken as they are) by its stat."""
    found: Files = {}
    for root in roots:
        _walk(root, found)
    return found


def input_roots(site: Path, extras: Iterable[Path] = ()) -> tuple[str, ...]:
    """What a build may read: the site's files, its content and themes, the tool's code."""
    top = [str(p) for p in site.iterdir() if p.is_file()] if site.is_dir() else []
    folders = [site / "content", site / "themes", site / "templates", *extras]
    code = Path(portfolio_builder.__file__).parent
    return (*sorted(top), *(str(f) for f in folders), str(code))


def output_roots(site: Path, out: Path) -> tuple[str, ...]:
    return (str(out.resolve()), str(site / CACHE / "http"))


def build_key(options: BuildOptions) -> str:
    what = (__version__, str(options.site.resolve()), str(output_folder(options).resolve()))
    flags = (options.base_url, options.emails, options.now, options.offline)
    return hashlib.sha256(repr((*what, *flags, options.allow_private_network)).encode()).hexdigest()


def _load(site: Path) -> Record | None:
    try:
        found = pickle.loads((site / RECORD).read_bytes())
    except Exception:  # no record, or a damaged one: build in full
        return None
    return found if isinstance(found, Record) else None


def reusable(options: BuildOptions, clock: float) -> BuildReport | None:
    """The last build's report when that build's output is still this build's output."""
    record = _load(options.site)
    if record is None or record.key != build_key(options):
        return None
    if not record.span[0] <= clock < record.span[1]:
        return None
    if scan(record.roots) != record.inputs:
        return None
    out = output_folder(options)
    if scan(output_roots(options.site, out)) != record.outputs:
        return None
    unchanged = sorted(record.report.written.written + record.report.written.unchanged)
    return replace(record.report, written=WriteReport(unchanged=unchanged), skipped=True)


def remember(
    options: BuildOptions,
    roots: tuple[tuple[str, ...], Files],
    span: tuple[float, float],
    report: BuildReport,
) -> None:
    """Keep what the next build needs to know whether it can skip."""
    outputs = scan(output_roots(options.site, report.output))
    record = Record(build_key(options), roots[0], roots[1], outputs, span, report)
    target = options.site / RECORD
    with contextlib.suppress(OSError):
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))
        tmp.replace(target)


def forget(site: Path) -> None:
    with contextlib.suppress(OSError):
        (site / RECORD).unlink()


def build(
    options: BuildOptions,
    progress: Progress | None = None,
    session: Session | None = None,
) -> BuildReport:
    """Skip the build when nothing changed, else build in full. A ``serve`` session
    (see ``full_build``) always builds: its first build fills what it keeps in memory,
    and the later ones start from that, sooner than the skip can check every file."""
    clock = options.clock()
    found = reusable(options, clock) if session is None else None
    if found is not None:
        return found
    from portfolio_builder.pipeline import full_build

    return full_build(options, progress, clock, session)

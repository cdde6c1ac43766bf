"""Find badge files: ``.png``, ``.svg``, ``.json``, ``.jws`` and ``.jwt``, recursively.

Hidden files and folders are skipped. A symbolic link that leads outside the
folder being walked, or that loops, is skipped with a diagnostic.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from portfolio_builder.diagnostics import Diagnostic, error, warning
from portfolio_builder.model import FileFormat, SourceFile

SUFFIXES: dict[str, FileFormat] = {
    ".png": FileFormat.PNG,
    ".svg": FileFormat.SVG,
    ".json": FileFormat.JSON,
    ".jws": FileFormat.JWT,
    ".jwt": FileFormat.JWT,
}


@dataclass(frozen=True, slots=True)
class Discovery:
    files: tuple[SourceFile, ...]
    diagnostics: tuple[Diagnostic, ...] = field(default=())
    others: frozenset[str] = frozenset()  # every other file seen in the folders walked


def file_format(path: Path) -> FileFormat | None:
    return SUFFIXES.get(path.suffix.lower())


def _link_problem(link: Path, root: Path, display: str) -> Diagnostic | None:
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError):
        return warning("W-SYMLINK-LOOP", "symbolic link is broken or loops; skipped", display)
    if not target.is_relative_to(root):
        return warning(
            "W-SYMLINK-OUTSIDE",
            f"symbolic link leads outside {root}; skipped",
            display,
            "copy the badge into the content folder instead",
        )
    return None


def _display(given: str, rel_folder: str, name: str) -> str:
    """The file's path joined to the folder exactly as the user gave it."""
    parts = [given, name] if rel_folder == "." else [given, rel_folder, name]
    return os.path.join(*parts)  # noqa: PTH118 (keeps the user's spelling, such as ./)


def _unreadable(error_: OSError, root: Path, given: str) -> Diagnostic:
    relative = os.path.relpath(error_.filename or root, root)
    shown = given if relative == "." else os.path.join(given, relative)  # noqa: PTH118
    return error("E-READ", f"cannot read the folder: {error_.strerror or error_}", shown)


def _walk(root: Path, given: str, others: set[str]) -> Iterator[SourceFile | Diagnostic]:
    real_root = root.resolve()
    problems: list[OSError] = []
    yield from _walk_folder(str(root), ".", (given, real_root, others), problems)
    for problem in problems:
        yield _unreadable(problem, root, given)


def _listing(folder: str, problems: list[OSError]) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as entries:
            return sorted(entries, key=lambda e: e.name)
    except OSError as exc:
        problems.append(exc)
        return []


def _walk_folder(
    folder: str, rel: str, where: tuple[str, Path, set[str]], problems: list[OSError]
) -> Iterator[SourceFile | Diagnostic]:
    """The folder's files (and links) in name order, then its folders' (one ``scandir``
    a folder: its entries say what they are without a ``stat`` each); the paths of its
    other files go to ``where``'s set."""
    given, real_root, others = where
    folders: list[os.DirEntry[str]] = []
    for entry in _listing(folder, problems):
        if entry.name.startswith("."):
            continue
        link = entry.is_symlink()
        if not link and entry.is_dir(follow_symlinks=False):
            folders.append(entry)
            continue
        fmt = SUFFIXES.get(os.path.splitext(entry.name)[1].lower())  # noqa: PTH122
        if fmt is None:
            others.add(str(Path(entry.path)))  # spelt as a badge's ``SourceFile.path`` is
            if not link:
                continue
        path, display = Path(entry.path), _display(given, rel, entry.name)
        if link:
            problem = _link_problem(path, real_root, display)
            if problem is not None:
                yield problem
                continue
            if fmt is None or path.is_dir():
                continue
        if fmt is not None:
            yield SourceFile(path, display, fmt)
    for sub in folders:
        inner = sub.name if rel == "." else os.path.join(rel, sub.name)  # noqa: PTH118
        yield from _walk_folder(sub.path, inner, where, problems)


def _given_file(path: Path, given: str) -> SourceFile | Diagnostic:
    if not path.exists():
        problem = "broken symbolic link" if path.is_symlink() else "no such file or folder"
        return error("E-NOT-FOUND", problem, given)
    fmt = file_format(path)
    if fmt is None:
        return error(
            "E-FILE-TYPE",
            f"not a badge file type: {path.suffix or 'no suffix'}",
            given,
            "badge files end in .png, .svg, .json, .jws or .jwt",
        )
    return SourceFile(path, given, fmt)


def discover(paths: list[str]) -> Discovery:
    """Every badge file under the given files and folders, in a stable order.

    A file named explicitly is read even when hidden; inside folders, hidden
    files and folders are skipped.
    """
    found: list[SourceFile] = []
    notes: list[Diagnostic] = []
    others: set[str] = set()
    for given in paths:
        path = Path(given)
        items = _walk(path, given, others) if path.is_dir() else iter([_given_file(path, given)])
        for item in items:
            if isinstance(item, Diagnostic):
                notes.append(item)
            else:
                found.append(item)
    return Discovery(tuple(found), tuple(notes), frozenset(others))

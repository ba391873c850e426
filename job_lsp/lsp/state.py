"""What the server knows of one open document, for one version of its text: parsed once,
with the model walk, the bindings and the problems computed lazily and shared by every
feature (diagnostics, hover, completion, formatting, navigation)."""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

from ..bindings import Analysis, analyze
from ..diagnose import diagnose
from ..validate import Checker, walk
from ..yamldoc import Document, Problem


@dataclass
class State:
    uri: str
    version: int | None
    text: str
    doc: Document
    is_job: bool
    folder: str | None  # where the file is: relative paths in it are checked there
    _model: Checker | None = None
    _problems: list[Problem] | None = None
    _analysis: Analysis | None = None

    @property
    def analysed(self) -> bool:
        """Whether the model's walk and the bindings are computed (what every request needs)."""
        return self._analysis is not None

    def model(self) -> Checker:
        """The model's walk (entities, kinds, the model's problems)."""
        if self._model is None:
            self._model = walk(self.doc, self.folder)
        return self._model

    def analysis(self) -> Analysis:
        """The `${{...}}` bindings of this version."""
        if self._analysis is None:
            self._analysis = analyze(self.doc, self.model().entities, self.folder)
        return self._analysis

    def problems(self) -> list[Problem]:
        if self._problems is None:
            self._problems = diagnose(self.doc, self.folder, self.model(), self.analysis())
        return self._problems


@dataclass
class Changed:
    """Which client lines the edits since a document's last analysed version touched."""

    first: int  # the first line an edit touched
    last: int  # the last (in the current text)
    lines_kept: bool  # no edit added or removed a line: the lines after `last` did not move

    def untouched(self, line: int) -> bool:
        """Whether a line of the current text is, with the same text and the same number,
        a line of the last analysed version (so that a request there can be answered from
        that version's analysis)."""
        return line < self.first or (self.lines_kept and line > self.last)


def note_change(changed: Changed | None, start_line: int | None, end_line: int, text: str) -> Changed:
    """`changed` after one more content change (`start_line` None: the whole text replaced)."""
    if start_line is None:
        return Changed(0, 0, False)
    added = text.count("\n") + text.count("\r") - text.count("\r\n")  # LSP line breaks
    first, last, kept = start_line, start_line + added, added == end_line - start_line
    if changed is None:
        return Changed(first, last, kept)
    return Changed(min(changed.first, first), max(changed.last, last), changed.lines_kept and kept)


_quiet = threading.Lock()
_quiet_count = 0  # analyses running under no_collection
_collector_was_on = True  # as the first of them found it


@contextmanager
def no_collection() -> Iterator[None]:
    """No garbage collection while a version is analysed in a thread (the collector is off
    until the last of the overlapping analyses ends). A version's objects hold no cycles
    (tests/test_gc.py), so nothing is missed; but the collector, triggered by the ~100k
    objects a 5,000-line version allocates, scanned them again and again with the GIL held:
    the event loop, wanting the GIL to answer a request, waited up to ~25 ms each time."""
    global _quiet_count, _collector_was_on
    with _quiet:
        _quiet_count += 1
        if _quiet_count == 1:
            _collector_was_on = gc.isenabled()
            gc.disable()
    try:
        yield
    finally:
        with _quiet:
            _quiet_count -= 1
            if _quiet_count == 0:
                # Frozen first: what was allocated meanwhile (the new version) is all in the
                # youngest generation, and the next collection would scan it in one go
                # (~150 ms on a 50,000-line file).
                gc.freeze()
                if _collector_was_on:
                    gc.enable()

"""What the server knows of one open document, for one version of its text: parsed once,
with the model walk, the bindings and the problems computed lazily and shared by every
feature (diagnostics, hover, completion, formatting, navigation)."""

from __future__ import annotations

from dataclasses import dataclass

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

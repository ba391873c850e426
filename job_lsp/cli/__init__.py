"""The command line (`job-lsp check | format | schema | serve | rules`): the outer layer over
the core, like `lsp/`. Nothing in the core imports it."""

from .main import main

__all__ = ["main"]

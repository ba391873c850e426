"""`job-lsp serve` raises the collector's first threshold while its modules load (fewer
pointless collections: a faster start); the server must put it back once `initialize` is
answered, or a long session would collect ten times less often than Python's default."""

import gc
import subprocess
import sys

from job_lsp.lsp.server import GC_THRESHOLDS, settle_memory


def test_settle_memory_restores_the_default_thresholds_and_freezes_what_lives_on() -> None:
    before = gc.get_threshold()
    try:
        gc.set_threshold(10_000, 10, 10)
        settle_memory()
        assert gc.get_threshold() == GC_THRESHOLDS == (700, 10, 10)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)


def test_the_serve_command_raises_the_threshold_only_for_the_imports() -> None:
    # The command's own code, run up to the server's main loop: the threshold it leaves for
    # the imports is the raised one, and the import of the server does not reset it.
    code = (
        "import gc, job_lsp.lsp.server as s\n"
        "import importlib; m = importlib.import_module('job_lsp.cli.main')\n"
        "s.main = lambda tcp=None: print(gc.get_threshold()[0])\n"
        "m.cmd_serve(type('A', (), {'tcp': None, 'locale': None})())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "10000"

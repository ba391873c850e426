"""The adaptive debounce: how long the server waits after an edit before checking."""

from __future__ import annotations

from job_lsp.lsp.server import CHEAP_CHECK, SHORT_DELAY, debounce_delay


def test_fast_typing_on_a_costly_document_waits_the_configured_delay() -> None:
    assert debounce_delay(0.2, since_last_edit=0.05, last_check=0.09) == 0.2
    assert debounce_delay(0.2, since_last_edit=0.05, last_check=None) == 0.2  # cost not known yet


def test_an_edit_after_a_pause_or_on_a_cheap_document_waits_a_moment_only() -> None:
    assert debounce_delay(0.2, since_last_edit=5.0, last_check=0.09) == SHORT_DELAY
    assert debounce_delay(0.2, since_last_edit=float("inf"), last_check=None) == SHORT_DELAY  # the first edit
    assert debounce_delay(0.2, since_last_edit=0.05, last_check=CHEAP_CHECK / 2) == SHORT_DELAY


def test_never_longer_than_configured() -> None:
    assert debounce_delay(0.0, since_last_edit=5.0, last_check=0.001) == 0.0
    assert debounce_delay(0.01, since_last_edit=0.005, last_check=1.0) == 0.01

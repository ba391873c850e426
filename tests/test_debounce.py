"""The adaptive debounce: how long the server waits after an edit before checking."""

from __future__ import annotations

from job_lsp.lsp.server import CHEAP_CHECK, SHORT_DELAY, debounce_delay


def test_fast_typing_on_a_costly_document_waits_the_configured_delay() -> None:
    assert debounce_delay(0.2, since_last_edit=0.05, last_check=0.09, same_document=True) == 0.2
    assert debounce_delay(0.2, since_last_edit=0.05, last_check=None, same_document=True) == 0.2  # cost not known yet


def test_an_edit_after_a_pause_or_typing_in_a_cheap_document_waits_a_moment_only() -> None:
    assert debounce_delay(0.2, since_last_edit=5.0, last_check=0.09, same_document=False) == SHORT_DELAY
    assert debounce_delay(0.2, since_last_edit=float("inf"), last_check=None, same_document=False) == SHORT_DELAY  # the first edit
    assert debounce_delay(0.2, since_last_edit=0.05, last_check=CHEAP_CHECK / 2, same_document=True) == SHORT_DELAY


def test_a_burst_across_documents_waits_the_configured_delay_even_for_cheap_ones() -> None:
    # A rename or a search and replace: each check would be dropped by the burst's next edit.
    assert debounce_delay(0.2, since_last_edit=0.001, last_check=CHEAP_CHECK / 2, same_document=False) == 0.2


def test_never_longer_than_configured() -> None:
    assert debounce_delay(0.0, since_last_edit=5.0, last_check=0.001, same_document=True) == 0.0
    assert debounce_delay(0.01, since_last_edit=0.005, last_check=1.0, same_document=True) == 0.01

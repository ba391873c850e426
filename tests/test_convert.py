"""URIs <-> paths as they run on Windows and on POSIX (one conversion, pygls.uris), and the
folder relative paths are checked in."""

from __future__ import annotations

import ntpath
import posixpath

import pytest
from pygls import uris

from job_lsp.lsp import convert


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the conversions the way they run on Windows: pygls's platform switch and the
    platform's path functions."""
    monkeypatch.setattr(uris, "IS_WIN", True)
    monkeypatch.setattr(convert, "os_path", ntpath)


@pytest.mark.parametrize(
    ("uri", "path", "folder"),
    [
        ("file:///c%3A/work/job.yml", "c:\\work\\job.yml", "c:\\work"),  # VS Code's form
        ("file:///C:/work/job.yml", "c:\\work\\job.yml", "c:\\work"),
        ("file:///d%3A/My%20Jobs/train%20job.yml", "d:\\My Jobs\\train job.yml", "d:\\My Jobs"),
        ("file:///c%3A/donn%C3%A9es/%C3%A9t%C3%A9.yml", "c:\\données\\été.yml", "c:\\données"),
        ("file://server/share/jobs/job.yml", "\\\\server\\share\\jobs\\job.yml", "\\\\server\\share\\jobs"),
    ],
)
def test_windows_uris(windows: None, uri: str, path: str, folder: str) -> None:
    assert convert.uri_to_path(uri) == path
    assert convert.uri_folder(uri) == folder
    assert convert.uri_to_path(convert.path_to_uri(path)) == path


@pytest.mark.parametrize(
    ("uri", "path"),
    [
        ("file:///home/u/jobs/job.yml", "/home/u/jobs/job.yml"),
        ("file:///home/u/my%20jobs/caf%C3%A9.yml", "/home/u/my jobs/café.yml"),
    ],
)
def test_posix_uris(monkeypatch: pytest.MonkeyPatch, uri: str, path: str) -> None:
    monkeypatch.setattr(uris, "IS_WIN", False)
    monkeypatch.setattr(convert, "os_path", posixpath)
    assert convert.uri_to_path(uri) == path
    assert convert.uri_folder(uri) == posixpath.dirname(path)
    assert convert.uri_to_path(convert.path_to_uri(path)) == path


def test_documents_that_are_not_files_have_no_path() -> None:
    assert convert.uri_to_path("untitled:Untitled-1") is None
    assert convert.uri_folder("untitled:Untitled-1") is None

"""Inputs named by fsspec URLs: `file://` is a local path; `memory://`, and `s3://` or `gs://`
where s3fs or gcsfs is installed, are listed, fingerprinted and read through fsspec."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from typing import IO, Any

from tasks.errors import KabarError

URL_MARK = "://"
LOCAL_SCHEME = "file://"


def is_url(path: str) -> bool:
    """True for a path with a scheme (`s3://bucket/dump`), which fsspec opens."""
    return URL_MARK in path


def local_form(path: str) -> str:
    """A `file://` URL as the local path it names; any other path unchanged."""
    return path[len(LOCAL_SCHEME) :] if path.startswith(LOCAL_SCHEME) else path


def _filesystem(url: str) -> tuple[Any, str]:
    """The fsspec file system of a URL and the path within it; a missing package is named."""
    from fsspec.core import url_to_fs  # loaded only by runs that read URLs

    try:
        return url_to_fs(url)
    except ImportError as error:
        raise KabarError(f"{url}: {error} (pip install it beside Kabar) and try again") from None
    except ValueError as error:
        raise KabarError(f"{url}: {error}; use file://, memory://, s3:// or gs://") from None


def url_exists(url: str) -> bool:
    fs, path = _filesystem(url)
    return fs.exists(path)


def url_files(url: str) -> Iterator[str]:
    """The files under a URL in sorted order, as URLs, skipping hidden entries."""
    fs, root = _filesystem(url)
    if not fs.isdir(root):
        yield url
        return
    for path in sorted(fs.find(root)):
        inside = posixpath.relpath(path, root)
        if not any(part.startswith(".") for part in inside.split("/")):
            yield fs.unstrip_protocol(path)


def url_size(url: str) -> int:
    fs, path = _filesystem(url)
    return int(fs.size(path))


def open_url(url: str) -> IO[bytes]:
    """The object's bytes, seekable (fsspec reads ranges of remote objects as they are asked)."""
    fs, path = _filesystem(url)
    return fs.open(path, "rb")

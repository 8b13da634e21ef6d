"""Find input files under the given paths, recognise their format and fingerprint their content."""

from __future__ import annotations

import gzip
import hashlib
import logging
import os
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from tasks.errors import KabarError

logger = logging.getLogger(__name__)

FileFormat = Literal["html", "text", "jsonl", "warc", "unknown"]

GZIP_MAGIC = b"\x1f\x8b"
SNIFF_BYTES = 4096
HASH_CHUNK = 1 << 20

SUFFIX_FORMATS: dict[str, FileFormat] = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".text": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc": "warc",
    ".arc": "warc",
}


@dataclass(frozen=True, slots=True)
class InputFile:
    """A file to ingest: where it is, what it holds, and a hash of its bytes."""

    path: str
    format: FileFormat
    size: int
    file_id: str
    gzipped: bool


def discover(paths: Iterable[str | Path]) -> Iterator[InputFile]:
    """Yield every input file under `paths` in a stable order; directories are walked."""
    for given in paths:
        if not os.path.exists(given):
            raise KabarError(f"{given}: no such file or directory; check the path and try again")
        for path in _walk(str(given)):
            try:
                yield describe(Path(path), shown=path)
            except OSError as error:
                # The file stays visible as a reject; the ingest decides how to record it.
                logger.warning("cannot read %s: %s", path, error.strerror or error)
                yield InputFile(path, "unknown", 0, _path_id(Path(path)), False)


def _walk(root: str) -> Iterator[str]:
    """Files under `root` in sorted order, skipping hidden entries and not following links.

    Paths keep the form the user gave (`./dumps/x.html` stays so), for messages and reports.
    """
    if os.path.isfile(root):
        yield root
        return
    for directory, subdirs, files in os.walk(root, followlinks=False):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield os.path.join(directory, name)


def describe(path: Path, shown: str | None = None) -> InputFile:
    """Fingerprint one file and detect its format from its name, then its content."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
        digest.update(head)
        while chunk := handle.read(HASH_CHUNK):
            digest.update(chunk)
    size = path.stat().st_size
    gzipped = head.startswith(GZIP_MAGIC)
    fmt = detect_format(path.name, head)
    return InputFile(shown or str(path), fmt, size, digest.hexdigest(), gzipped)


def detect_format(name: str, head: bytes) -> FileFormat:
    """The format of a file from its name (`x.warc.gz`, `x.jsonl`) or else from its first bytes."""
    lowered = name.lower()
    if lowered.endswith(".gz"):
        lowered = lowered[:-3]
    by_name = SUFFIX_FORMATS.get(Path(lowered).suffix)
    if by_name:
        return by_name
    return sniff_format(_gunzip_head(head) if head.startswith(GZIP_MAGIC) else head)


def sniff_format(head: bytes) -> FileFormat:
    """Recognise a format from the first bytes of (decompressed) content."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    if text.startswith(b"{"):
        return "jsonl"
    lowered = text[:1024].lower()
    if lowered.startswith(b"<") and (b"<html" in lowered or b"<!doctype" in lowered):
        return "html"
    if text and not looks_binary(head):
        try:
            text.decode("utf-8")
        except UnicodeDecodeError as error:
            # A multi-byte character cut at the end of the sniffed block is still text.
            if error.start < len(text) - 4:
                return "unknown"
        return "text"
    return "unknown"


def looks_binary(head: bytes) -> bool:
    """True for bytes that no text encoding produces: NULs, or many control characters."""
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte < 9 or 13 < byte < 32)
    return controls > len(head) // 20


def _gunzip_head(head: bytes) -> bytes:
    """Decompress what the first block of a gzip file gives, for sniffing."""
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, SNIFF_BYTES)
    except zlib.error:
        return b""


def _path_id(path: Path) -> str:
    """An id for a file whose content cannot be read: it is tied to the path."""
    return "path:" + hashlib.sha256(str(path).encode()).hexdigest()


def open_stream(input_file: InputFile):
    """A binary stream of the file's content, decompressed when it is gzip."""
    if input_file.gzipped:
        return gzip.open(input_file.path, "rb")
    return open(input_file.path, "rb")


def check_paths(paths: Iterable[str | Path]) -> None:
    """Fail early, with a message, when an input path is missing or none is given."""
    given = list(paths)
    if not given:
        raise KabarError("no input paths given; name dump files or folders to ingest")
    for path in given:
        if not Path(path).exists():
            raise KabarError(f"{path}: no such file or directory; check the path and try again")

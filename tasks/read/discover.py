"""Find input files under the given paths, recognise their format and fingerprint their content."""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import stat
import zlib
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from tasks.errors import KabarError
from tasks.read.urls import is_url, local_form, open_url, url_exists, url_files, url_size

logger = logging.getLogger(__name__)

FileFormat = Literal["html", "text", "jsonl", "json", "warc", "parquet", "tar", "zip", "unknown"]

GZIP_MAGIC = b"\x1f\x8b"
SNIFF_BYTES = 4096
HASH_CHUNK = 1 << 20
# Files fingerprinted at once, and how many may be done ahead of the one being read.
HASH_THREADS = 2
HASH_AHEAD = 8
READ_BUFFER = 1 << 16
# A tar header block carries this magic at this offset (POSIX ustar and GNU tar alike).
TAR_MAGIC = b"ustar"
TAR_MAGIC_OFFSET = 257
# A zip starts with a local file header, or with its end record when it holds no files.
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
PARQUET_MAGIC = b"PAR1"
# Content that is surely not a page, by its first bytes; a PDF can look like text for kilobytes.
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"PK\x03\x04", "zip"),
    (GZIP_MAGIC, "gzip"),
)
# Regular files only: reading a FIFO or a device found in a dump folder would block or never end.
# O_NONBLOCK makes opening a FIFO return at once; it changes nothing for regular files.
OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)

SUFFIX_FORMATS: dict[str, FileFormat] = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".text": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".warc": "warc",
    ".arc": "warc",
    # Common Crawl's extracted text: `x.warc.wet.gz`, `x.wet`.
    ".wet": "warc",
    ".parquet": "parquet",
    ".tar": "tar",
    ".tgz": "tar",
    ".zip": "zip",
}
ARCHIVE_FORMATS: frozenset[str] = frozenset({"tar", "zip"})


@dataclass(frozen=True, slots=True)
class InputFile:
    """A file to ingest: where it is, what it holds, and a hash of its bytes.

    `size` is the number of bytes hashed; reading stops there, so bytes appended to a file
    after discovery belong to the next run's (different) fingerprint. `unreadable` says why
    a file could not be opened at discovery.
    """

    path: str
    format: FileFormat
    size: int
    file_id: str
    gzipped: bool
    unreadable: str | None = None
    # How to read records of another shape: (article field, record field) pairs (`--fields`).
    fields: tuple[tuple[str, str], ...] = ()


class FileChanged(OSError):
    """The file is shorter than when it was fingerprinted: the bytes hashed are gone."""


class NotRegularFile(OSError):
    """The path names a FIFO, a socket or a device, whose reading could block or never end."""


def discover(paths: Iterable[str | Path]) -> Iterator[InputFile]:
    """Yield every input file under `paths` in a stable order; directories are walked.

    Files are fingerprinted a few ahead of the caller, by HASH_THREADS threads (hashing and
    reading release the GIL), and yielded in order.
    """
    with ThreadPoolExecutor(HASH_THREADS, thread_name_prefix="kabar-hash") as pool:
        ahead: deque[Future[InputFile | None]] = deque()
        for path in _paths(paths):
            ahead.append(pool.submit(_describe_listed, path))
            if len(ahead) > HASH_AHEAD and (found := ahead.popleft().result()) is not None:
                yield found
        while ahead:
            if (found := ahead.popleft().result()) is not None:
                yield found


def has_files(paths: Iterable[str | Path]) -> bool:
    """Whether any input file lies under `paths` (found as `discover` finds them, not hashed)."""
    return next(_paths(paths), None) is not None


def _paths(paths: Iterable[str | Path]) -> Iterator[str]:
    for given in map(local_form, map(str, paths)):
        if is_url(given):
            if not url_exists(given):
                raise KabarError(f"{given}: no such file or folder; check the URL and try again")
            yield from url_files(given)
            continue
        if not os.path.exists(given):
            raise KabarError(f"{given}: no such file or directory; check the path and try again")
        yield from _walk(str(given))


def _describe_listed(path: str) -> InputFile | None:
    """`describe` a listed file: None if it is gone, an `unreadable` input if it cannot be read."""
    try:
        return describe_url(path) if is_url(path) else describe(Path(path), shown=path)
    except FileNotFoundError:
        logger.warning("skipping %s: it was removed while the inputs were listed", path)
        return None
    except OSError as error:
        # The file stays visible as a reject; the ingest decides how to record it.
        reason = error.strerror or str(error)
        logger.warning("cannot read %s: %s", path, reason)
        return InputFile(path, "unknown", 0, _path_id(Path(path)), False, reason)


@dataclass(slots=True)
class FileCounts:
    """Files met so far, and of them those skipped as already ingested."""

    seen: int = 0
    skipped: int = 0


def new_files(
    paths: Iterable[str | Path], completed: set[str], counts: FileCounts
) -> Iterator[InputFile]:
    """Input files under `paths` not yet fully ingested, counted in `counts` as they are met.

    A file is skipped when a file with the same bytes was ingested before or is met earlier
    in this run: its records are already accounted for under that file. Files are found and
    fingerprinted one at a time, as the caller asks for them; only their hashes are kept.
    """
    seen = set(completed)
    for found in discover(paths):
        counts.seen += 1
        if found.file_id in seen:
            logger.info("skipping %s: same content already ingested", found.path)
            counts.skipped += 1
            continue
        seen.add(found.file_id)
        yield found


def _walk(root: str) -> Iterator[str]:
    """Regular files under `root` in sorted order, skipping hidden entries and links in folders.

    A path given by the user is followed even when it is a link; links met inside a folder are
    not, since they may point outside the dump or back into it. Paths keep the form the user
    gave (`./dumps/x.html` stays so), for messages and reports.
    """
    if not os.path.isdir(root):
        if _is_regular(root, follow=True):
            yield root
        return
    for directory, subdirs, files in os.walk(root, onerror=_unlistable, followlinks=False):
        # os.walk lists a link to a folder among the folders and quietly does not enter it.
        subdirs[:] = [
            d
            for d in sorted(subdirs)
            if not d.startswith(".") and _is_folder(os.path.join(directory, d))
        ]
        for name in sorted(files):
            path = os.path.join(directory, name)
            if not name.startswith(".") and _is_regular(path, follow=False):
                yield path


def _is_regular(path: str, follow: bool) -> bool:
    """True for a regular file; links (unless followed), FIFOs, sockets and devices are logged."""
    try:
        mode = os.stat(path).st_mode if follow else os.lstat(path).st_mode
    except OSError as error:
        logger.warning("skipping %s: %s", path, error.strerror or error)
        return False
    if stat.S_ISREG(mode):
        return True
    kind = "a link" if stat.S_ISLNK(mode) else "not a regular file"
    logger.warning("skipping %s: %s", path, kind)
    return False


def _is_folder(path: str) -> bool:
    """True for a folder met in a walk; a link to one is logged and not followed."""
    if os.path.islink(path):
        logger.warning("skipping %s: a link", path)
        return False
    return True


def _unlistable(error: OSError) -> None:
    """A folder that cannot be listed is logged and left out; the walk goes on."""
    logger.warning("cannot list %s: %s", error.filename, error.strerror or error)


def describe(path: Path, shown: str | None = None) -> InputFile:
    """Fingerprint one file and detect its format from its name, then its content."""
    with _open_regular(path) as handle:
        # Hash only the bytes there now: a file still being written has an end to stop at.
        return _described(shown or str(path), path.name, handle, os.fstat(handle.fileno()).st_size)


def describe_url(url: str) -> InputFile:
    """`describe` for a file named by an fsspec URL."""
    size = url_size(url)
    with open_url(url) as handle:
        return _described(url, url.rpartition("/")[2], handle, size)


def _described(shown: str, name: str, handle: Any, size: int) -> InputFile:
    """The input file whose first `size` bytes `handle` reads: hashed, its format detected."""
    digest = hashlib.sha256()
    head = handle.read(min(size, SNIFF_BYTES))
    digest.update(head)
    hashed = len(head)
    while hashed < size and (chunk := handle.read(min(HASH_CHUNK, size - hashed))):
        digest.update(chunk)
        hashed += len(chunk)
    fmt = detect_format(name, head)
    return InputFile(shown, fmt, hashed, digest.hexdigest(), head.startswith(GZIP_MAGIC))


def _open_regular(path: str | Path) -> io.FileIO:
    """Open a file for reading, refusing anything but a regular file without blocking on it."""
    descriptor = os.open(path, OPEN_FLAGS)
    handle = io.FileIO(descriptor, "rb", closefd=True)
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        handle.close()
        raise NotRegularFile(f"{path} is not a regular file")
    return handle


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
    if head[TAR_MAGIC_OFFSET:].startswith(TAR_MAGIC):
        return "tar"
    if head.startswith(ZIP_MAGICS):
        return "zip"
    if head.startswith(PARQUET_MAGIC):
        return "parquet"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    if text.startswith(b"{"):
        return "jsonl" if _opens_with_object_line(text) else "json"
    if text.startswith(b"["):
        return "json"
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


def _opens_with_object_line(text: bytes) -> bool:
    """True when the first line of `text` is a whole JSON object: JSON Lines.

    A pretty-printed document opens with a line that is not (`{` alone); it is read as one
    JSON document. A first line longer than the sniffed bytes is left to the JSON reader,
    which reads it whole before deciding.
    """
    line = text.partition(b"\n")[0]
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):
        return False


def looks_binary(head: bytes) -> bool:
    """True for bytes that no text encoding produces: NULs, many control characters, or the
    signature of an image, a PDF or a compressed file."""
    return binary_kind(head) is not None


def binary_kind(head: bytes) -> str | None:
    """The kind of binary content `head` opens ('PDF', 'PNG', 'binary'), or None for text."""
    for signature, kind in BINARY_SIGNATURES:
        if head.startswith(signature):
            return kind
    if b"\x00" in head:
        return "binary"
    controls = sum(1 for byte in head if byte < 9 or 13 < byte < 32)
    return "binary" if controls > len(head) // 20 else None


def _gunzip_head(head: bytes) -> bytes:
    """Decompress what the first block of a gzip file gives, for sniffing."""
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, SNIFF_BYTES)
    except zlib.error:
        return b""


def _path_id(path: Path) -> str:
    """An id for a file whose content cannot be read: it is tied to the path."""
    return "path:" + hashlib.sha256(str(path).encode()).hexdigest()


def open_input(input_file: InputFile) -> io.BufferedReader:
    """The file's bytes as stored, up to the size fingerprinted at discovery (seekable)."""
    if is_url(input_file.path):
        handle: Any = open_url(input_file.path)
        size = url_size(input_file.path)
    else:
        handle = _open_regular(input_file.path)
        size = os.fstat(handle.fileno()).st_size
    if size < input_file.size:
        handle.close()
        raise FileChanged(f"{input_file.path} is shorter than when it was discovered")
    return io.BufferedReader(_Window(handle, input_file.size), READ_BUFFER)


class _Window(io.RawIOBase):
    """The first `size` bytes of an open file; what is appended later is not there."""

    def __init__(self, handle: Any, size: int) -> None:  # a file, or an fsspec file
        super().__init__()
        self._handle = handle
        self._size = size

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        room = max(0, self._size - self._handle.tell())
        with memoryview(buffer) as view:
            return self._handle.readinto(view[: min(len(view), room)]) or 0

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._handle.tell(), io.SEEK_END: self._size}[whence]
        return self._handle.seek(max(0, min(base + offset, self._size)))

    def tell(self) -> int:
        return self._handle.tell()

    def close(self) -> None:
        self._handle.close()
        super().close()


def check_paths(paths: Iterable[str | Path]) -> None:
    """Fail early, with a message, when an input path is missing or none is given."""
    given = list(paths)
    if not given:
        raise KabarError("no input paths given; name dump files or folders to ingest")
    for path in given:
        if not input_exists(str(path)):
            raise KabarError(f"{path}: no such file or directory; check the path and try again")


def input_exists(path: str) -> bool:
    """Whether an input path or fsspec URL names something that exists here."""
    path = local_form(path)
    return url_exists(path) if is_url(path) else os.path.exists(path)

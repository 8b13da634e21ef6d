"""Archive dumps (tar, zip) read as streams, and the size limits every reader keeps to.

Nothing is ever extracted to disk: members are read one after another, straight into the
readers of their own format. Every byte that comes out of a decompressor is charged to a
budget set by the input file's size on disk, so a decompression bomb stops early.
"""

from __future__ import annotations

import dataclasses
import gzip
import io
import logging
import re
import stat
import struct
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from typing import BinaryIO

from tasks.read.discover import ARCHIVE_FORMATS, GZIP_MAGIC, SNIFF_BYTES, InputFile, detect_format
from tasks.records import RawRecord, Reason, Rejected

logger = logging.getLogger(__name__)

# A page (an HTML or text file, an archive member, a WARC record) is read into memory whole;
# larger ones are rejected, after reading at most this much.
MAX_PAGE_BYTES = 64 << 20
# A JSONL line is held whole while it is parsed; longer lines are skipped, never held.
MAX_LINE_BYTES = 64 << 20
# WARC and ARC record headers are a few hundred bytes; anything longer is damage.
MAX_RECORD_HEADER_BYTES = 1 << 20
# Whatever its size, an input file may inflate to this much...
MIN_INFLATION_ALLOWANCE = 256 << 20
# ...or to this many times its size on disk. Text compresses 5 to 15 times; a run of zeros
# deflates a thousandfold, and nesting compressions multiplies that.
MAX_INFLATION_RATIO = 100
# Pax and GNU long-name headers are held in memory by tarfile; real ones are short.
MAX_TAR_HEADER_BYTES = 1 << 20
TAR_HEADER_TYPES = (
    tarfile.XHDTYPE,
    tarfile.XGLTYPE,
    tarfile.SOLARIS_XHDTYPE,
    tarfile.GNUTYPE_LONGNAME,
    tarfile.GNUTYPE_LONGLINK,
)
READ_CHUNK = 1 << 16

# Compressed data that ends early or is corrupt. Other OSErrors are the disk's, not the data's:
# they reach the caller, which reads the file again (see `read_with_retries`).
DECOMPRESS_ERRORS = (EOFError, gzip.BadGzipFile, zlib.error)
# Errors of the container itself (a cut or corrupt tar or zip stream, an outer gzip ending early),
# as opposed to those of a member's own content, which its format's reader reports.
CONTAINER_ERRORS = (*DECOMPRESS_ERRORS, tarfile.TarError, zipfile.BadZipFile)
# Flag bit 0 of a zip entry: the member is encrypted.
ZIP_ENCRYPTED = 0x1
# Flag bit 3: sizes follow the data instead of standing in the local header.
ZIP_DATA_DESCRIPTOR = 0x8
ZIP_UTF8_NAMES = 0x800
ZIP64_SIZE = 0xFFFFFFFF
WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:")

ReadResult = RawRecord | Rejected
MemberReader = Callable[[InputFile, BinaryIO], Iterator[ReadResult]]


class TooLarge(Exception):
    """An input file inflates past its budget; nothing more of it is read."""


class DamagedArchive(Exception):
    """The archive cannot be read on from here; `reason` is the reject reason to record."""

    def __init__(self, detail: str, reason: str = Reason.TRUNCATED) -> None:
        super().__init__(detail)
        self.reason = reason


def human_size(count: int) -> str:
    """A byte count as people read it: `64 MiB`, `12 KiB`."""
    for unit, shift in (("GiB", 30), ("MiB", 20), ("KiB", 10)):
        if count >= 1 << shift:
            return f"{count / (1 << shift):.3g} {unit}"
    return f"{count} bytes"


class InflationBudget:
    """How many bytes one input file may inflate to, shared by everything read out of it."""

    def __init__(self, stored_bytes: int) -> None:
        self.stored_bytes = stored_bytes
        self.limit = max(MIN_INFLATION_ALLOWANCE, MAX_INFLATION_RATIO * stored_bytes)
        self.used = 0

    def spend(self, count: int) -> None:
        """Charge `count` decompressed bytes; past the limit the whole file stops."""
        self.used += count
        if self.used > self.limit:
            raise TooLarge(
                f"decompresses past {human_size(self.limit)} (at most {MAX_INFLATION_RATIO} times"
                f" its {human_size(self.stored_bytes)}, and at least"
                f" {human_size(MIN_INFLATION_ALLOWANCE)}); the rest is not read"
            )


class _Guarded(io.RawIOBase):
    """Bytes of another stream, charged to a budget, with container errors made `DamagedArchive`."""

    def __init__(
        self,
        inner: BinaryIO,
        budget: InflationBudget | None,
        container_errors: tuple[type[BaseException], ...] = (),
    ) -> None:
        super().__init__()
        self._inner = inner
        self._read = getattr(inner, "read1", inner.read)
        self._budget = budget
        self._errors = container_errors

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        try:
            # One step at a time, so that bytes before a cut reach the reader before the error.
            data = self._read(len(buffer))
        except self._errors as error:
            cause = str(error) or "its data ends early"
            raise DamagedArchive(f"the archive is damaged or cut short: {cause}") from error
        if self._budget is not None:
            self._budget.spend(len(data))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._inner.close()
        super().close()


def inflated(raw: BinaryIO, gzipped: bool, budget: InflationBudget) -> BinaryIO:
    """The content of `raw`: gunzipped, and charged to `budget`, when it is gzip."""
    if not gzipped:
        return raw
    return io.BufferedReader(_Guarded(gzip.GzipFile(fileobj=raw, mode="rb"), budget), READ_CHUNK)


def read_archive(
    source: InputFile, raw: BinaryIO, budget: InflationBudget, read_member: MemberReader
) -> Iterator[ReadResult]:
    """The records of every member of a tar or zip archive, in archive order.

    A member's records are numbered on from the previous member's, so positions are unique
    within the archive and the same on every read of the same bytes.
    """
    if source.format == "zip":
        if source.gzipped:
            yield Rejected(
                source.file_id, 0, Reason.UNSUPPORTED_FORMAT, "a gzip-compressed zip: gunzip it"
            )
            return
        members = _zip_members(source, raw, budget, read_member)
    else:
        members = _tar_members(source, inflated(raw, source.gzipped, budget), read_member)
    position = 0
    try:
        for name, results in members:
            for result in results:
                yield _numbered(result, position, name)
                position += 1
    except DamagedArchive as error:
        yield Rejected(source.file_id, position, error.reason, str(error))


def _numbered(result: ReadResult, position: int, member: str) -> ReadResult:
    """A member's record placed in the archive: its position there, and its member in a reject."""
    if isinstance(result, Rejected):
        return dataclasses.replace(result, position=position, detail=f"{member}: {result.detail}")
    return dataclasses.replace(result, position=position)


def _tar_members(
    source: InputFile, stream: BinaryIO, read_member: MemberReader
) -> Iterator[tuple[str, Iterator[ReadResult]]]:
    """Each member of a tar stream with its records; one pass, nothing seeks back."""
    try:
        with tarfile.open(fileobj=stream, mode="r|", tarinfo=_BoundedTarInfo) as archive:
            for member in archive:
                if member.isdir():
                    continue
                yield member.name, _tar_member(source, archive, member, read_member)
    except (*CONTAINER_ERRORS, RecursionError) as error:
        raise DamagedArchive(f"the tar archive is damaged or cut short: {error}") from error


def _tar_member(
    source: InputFile, archive: tarfile.TarFile, member: tarfile.TarInfo, read_member: MemberReader
) -> Iterator[ReadResult]:
    """The records of one tar member, or why it is refused."""
    refusal = _unsafe_path(member.name) or _tar_refusal(member)
    if refusal is not None:
        yield Rejected(source.file_id, 0, *refusal)
        return
    content = archive.extractfile(member)
    assert content is not None  # a regular file always has content
    # The tar stream is charged as a whole; its members are not charged again.
    stream = io.BufferedReader(_Guarded(content, None, CONTAINER_ERRORS), READ_CHUNK)
    yield from _member_records(source, member.name, member.size, stream, read_member)


def _unsafe_path(name: str) -> tuple[str, str] | None:
    """Refuse a member name that would land outside any folder it was put in."""
    parts = re.split(r"[\\/]", name)
    if name.startswith(("/", "\\")) or WINDOWS_DRIVE.match(name) or ".." in parts:
        return Reason.UNSAFE_PATH, "an absolute path, or one that climbs out with '..'"
    return None


def _tar_refusal(member: tarfile.TarInfo) -> tuple[str, str] | None:
    """Refuse links, devices and FIFOs: only regular files hold records."""
    if member.issym() or member.islnk():
        return Reason.ARCHIVE_LINK, f"a link to {member.linkname!r} is not followed"
    if member.ischr() or member.isblk() or member.isfifo():
        return Reason.ARCHIVE_LINK, "a device or FIFO, not a regular file"
    if not member.isfile():
        return Reason.UNSUPPORTED_FORMAT, f"tar member of type {member.type!r}, not a regular file"
    return None


def _member_records(
    source: InputFile, name: str, size: int, stream: io.BufferedReader, read_member: MemberReader
) -> Iterator[ReadResult]:
    """Recognise a member's format from its name, then its first bytes, and read it."""
    head = stream.peek(SNIFF_BYTES)[:SNIFF_BYTES]
    fmt = detect_format(name, head)
    if fmt in ARCHIVE_FORMATS:
        # Archives within archives are where zip quines and nested bombs live.
        yield Rejected(source.file_id, 0, Reason.UNSUPPORTED_FORMAT, "an archive inside an archive")
        return
    gzipped = head.startswith(GZIP_MAGIC)
    yield from read_member(
        InputFile(
            f"{source.path}:{name}", fmt, size, source.file_id, gzipped, fields=source.fields
        ),
        stream,
    )


class _BoundedTarInfo(tarfile.TarInfo):
    """Tar headers that tarfile would hold in memory whole are refused past a limit.

    `_proc_member` is tarfile's hook for subclasses; `fromtarfile` is wrapped so that an
    archive cut between members is reported, where tarfile would end quietly.
    """

    @classmethod
    def fromtarfile(cls, tarfile_: tarfile.TarFile) -> tarfile.TarInfo:
        try:
            return super().fromtarfile(tarfile_)
        except (tarfile.EmptyHeaderError, tarfile.TruncatedHeaderError) as error:
            raise DamagedArchive("the tar archive is cut short before its end marker") from error
        except tarfile.InvalidHeaderError as error:
            raise DamagedArchive(f"damaged tar header: {error}") from error

    def _proc_member(self, tarfile_: tarfile.TarFile) -> tarfile.TarInfo:
        if self.type == tarfile.GNUTYPE_SPARSE:
            raise DamagedArchive("GNU sparse members are not read", Reason.UNSUPPORTED_FORMAT)
        if self.type in TAR_HEADER_TYPES and self.size > MAX_TAR_HEADER_BYTES:
            raise DamagedArchive(
                f"a tar header entry of {human_size(self.size)}, over the"
                f" {human_size(MAX_TAR_HEADER_BYTES)} limit",
                Reason.TOO_LARGE,
            )
        return super()._proc_member(tarfile_)

    def _proc_gnusparse_10(self, next_, pax_headers, tarfile_) -> None:
        # Its sparse map is read from the member's data with no bound on its length.
        raise DamagedArchive("GNU sparse members are not read", Reason.UNSUPPORTED_FORMAT)


def _zip_members(
    source: InputFile, raw: BinaryIO, budget: InflationBudget, read_member: MemberReader
) -> Iterator[tuple[str, Iterator[ReadResult]]]:
    """Each member of a zip with its records, in the order of its table of contents.

    A zip cut short has lost its table of contents (it is at the end): its members are then
    found by walking their local headers from the start, as far as the bytes go.
    """
    try:
        archive = zipfile.ZipFile(raw)
    except zipfile.BadZipFile:
        archive = None
    except (EOFError, ValueError) as error:
        raise DamagedArchive(f"the zip archive is damaged: {error}") from error
    if archive is None:
        yield from _local_zip_members(source, raw, budget, read_member)
        raise DamagedArchive("the zip archive is cut short: its table of contents is missing")
    with archive:
        for info in archive.infolist():
            if not info.is_dir():
                yield info.filename, _zip_member(source, info, archive.open, budget, read_member)


def _zip_member(
    source: InputFile,
    info: zipfile.ZipInfo,
    open_member: Callable[[zipfile.ZipInfo], BinaryIO],
    budget: InflationBudget,
    read_member: MemberReader,
) -> Iterator[ReadResult]:
    """The records of one zip member, or why it is refused; damage stops only this member."""
    refusal = _unsafe_path(info.filename) or _zip_refusal(info)
    if refusal is None:
        try:
            content = open_member(info)
        except NotImplementedError:
            refusal = Reason.UNSUPPORTED_FORMAT, f"compression method {info.compress_type}"
        except (*CONTAINER_ERRORS, RuntimeError, UnicodeDecodeError) as error:
            # UnicodeDecodeError: a local header flagged UTF-8 whose name is not.
            refusal = Reason.TRUNCATED, f"damaged member: {error}"
    if refusal is not None:
        yield Rejected(source.file_id, 0, *refusal)
        return
    stream = io.BufferedReader(_Guarded(content, budget, CONTAINER_ERRORS), READ_CHUNK)
    try:
        yield from _member_records(source, info.filename, info.file_size, stream, read_member)
    except DamagedArchive as error:
        # The table of contents says where the next member starts: reading goes on there.
        yield Rejected(source.file_id, 0, Reason.TRUNCATED, str(error))


def _zip_refusal(info: zipfile.ZipInfo) -> tuple[str, str] | None:
    """Refuse encrypted members and symbolic links."""
    if info.flag_bits & ZIP_ENCRYPTED:
        return Reason.ENCRYPTED, "an encrypted member cannot be read"
    if stat.S_ISLNK(info.external_attr >> 16):
        return Reason.ARCHIVE_LINK, "a symbolic link is not followed"
    return None


def _local_zip_members(
    source: InputFile, raw: BinaryIO, budget: InflationBudget, read_member: MemberReader
) -> Iterator[tuple[str, Iterator[ReadResult]]]:
    """Members of a zip without its table of contents, found from their local headers."""
    offset = 0
    while info := _local_header(raw, offset):
        start = raw.tell()

        def open_here(entry: zipfile.ZipInfo, start: int = start) -> BinaryIO:
            raw.seek(start)
            return zipfile.ZipExtFile(raw, "r", entry)  # type: ignore[return-value]

        yield info.filename, _zip_member(source, info, open_here, budget, read_member)
        offset = start + info.compress_size


def _local_header(raw: BinaryIO, offset: int) -> zipfile.ZipInfo | None:
    """The member whose local header stands at `offset`, if its sizes are there to read it by."""
    raw.seek(offset)
    header = raw.read(zipfile.sizeFileHeader)
    if len(header) < zipfile.sizeFileHeader or not header.startswith(zipfile.stringFileHeader):
        return None
    (_, _, _, flags, method, _, _, crc, packed, size, name_length, extra_length) = struct.unpack(
        zipfile.structFileHeader, header
    )
    if flags & ZIP_DATA_DESCRIPTOR or ZIP64_SIZE in (packed, size):
        # Its sizes stand after its data or in a zip64 field: where it ends is not known here.
        return None
    name = raw.read(name_length).decode("utf-8" if flags & ZIP_UTF8_NAMES else "cp437", "replace")
    raw.read(extra_length)
    info = zipfile.ZipInfo(name)
    info.flag_bits, info.compress_type, info.CRC = flags, method, crc
    info.compress_size, info.file_size = packed, size
    return info

"""Fuzz the readers: mutated dumps of every format give records or rejects, never an error.

Inputs come from the seed corpus (`corpus/`, one small valid dump per format) by byte
mutations, from a seeded random generator, so a run is the same every time. CI runs a few
hundred inputs per format (tests/test_fuzz_readers.py); run it longer by hand:

    python -m tests.fuzz.fuzz_readers --runs 100000
    python -m tests.fuzz.fuzz_readers --runs 5000 --format warc.gz --seed 7
    python -m tests.fuzz.fuzz_readers --replay crash.bin --format jsonl
"""

from __future__ import annotations

import argparse
import gzip
import random
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator, Sequence
from datetime import timedelta
from functools import cache
from pathlib import Path

from tasks.extract.record import extract_record
from tasks.read.discover import describe
from tasks.read.normalise import body_fingerprint
from tasks.read.readers import read_records
from tasks.records import Article, RawRecord, Reason, Rejected

CORPUS = Path(__file__).parent / "corpus"
# A format is the suffix a fuzzed file is named with; every seed file carries one.
FORMATS = ("html", "txt", "jsonl", "warc", "html.gz", "jsonl.gz", "warc.gz", "tar", "zip")
REASONS = frozenset(value for name, value in vars(Reason).items() if name.isupper())
# Tokens that mean something to some reader: framing, lengths, headers, JSON, magic numbers.
TOKENS = (
    b"\r\n", b"\r\n\r\n", b"\n", b"WARC/1.0\r\n", b"WARC-Type: response\r\n",
    b"Content-Length: ", b"0", b"-1", b"99999999999", b"HTTP/1.1 200 OK\r\n",
    b"Content-Type: text/html\r\n", b"Content-Encoding: gzip\r\n",
    b"Transfer-Encoding: chunked\r\n", b"{", b"}", b"[", b'"', b'"html": ', b"null", b"\\ud800",
    b"<", b"<html>", b"\x00", b"\xff", b"\xef\xbb\xbf", b"\x1f\x8b\x08", b"PK\x03\x04",
    b"ustar\x00", b"../", b"/", b"%PDF-",
)  # fmt: skip
MAX_MUTATIONS = 4
MAX_INSERT = 16


@cache
def seeds(fmt: str) -> tuple[bytes, ...]:
    """The corpus files of one format: those whose name ends with `.{fmt}`."""
    found = tuple(path.read_bytes() for path in sorted(CORPUS.glob(f"*.{fmt}")))
    if not found:
        raise ValueError(f"no seed for format {fmt!r} in {CORPUS}; formats: {', '.join(FORMATS)}")
    return found


def mutate(data: bytes, rng: random.Random, donors: Sequence[bytes]) -> bytes:
    """One to a few byte mutations: flip, insert, delete, splice, truncate, repeat."""
    buffer = bytearray(data)
    for _ in range(rng.randint(1, MAX_MUTATIONS)):
        at = rng.randint(0, len(buffer))
        operation = rng.choice(
            ("flip", "insert", "token", "delete", "splice", "truncate", "repeat")
        )
        if operation == "flip" and at < len(buffer):
            buffer[at] ^= 1 << rng.randrange(8)
        elif operation == "insert":
            buffer[at:at] = rng.randbytes(rng.randint(1, MAX_INSERT))
        elif operation == "token":
            buffer[at:at] = rng.choice(TOKENS)
        elif operation == "delete":
            del buffer[at : at + rng.randint(1, MAX_INSERT * 4)]
        elif operation == "splice":
            donor = rng.choice(donors)
            buffer[at:] = donor[rng.randint(0, len(donor)) :]
        elif operation == "truncate":
            del buffer[at:]
        elif operation == "repeat":
            end = min(len(buffer), at + rng.randint(1, 256))
            buffer[at:at] = buffer[at:end] * rng.randint(1, 3)
    return bytes(buffer)


def fuzz_inputs(fmt: str, count: int, seed: int = 0) -> Iterator[bytes]:
    """`count` inputs for a format: its seeds as they are, then mutations of them.

    A gzip format's content is mutated under a sound gzip layer half of the time, so that the
    mutations reach the reader behind it and not only the decompressor.
    """
    rng = random.Random(f"{fmt}:{seed}")
    originals = seeds(fmt)
    donors = [data for name in FORMATS for data in seeds(name)]
    for index in range(count):
        if index < len(originals):
            yield originals[index]
            continue
        original = rng.choice(originals)
        if fmt.endswith(".gz") and rng.random() < 0.5:
            inner = mutate(gzip.decompress(original), rng, donors)
            yield gzip.compress(inner, mtime=0)
        else:
            yield mutate(original, rng, donors)


def fuzz_one(data: bytes, fmt: str, tmp_dir: str | Path, extract: bool = True) -> None:
    """Read `data` as a file of format `fmt` to the end and check what the readers promise.

    Every result is a raw record or a reject with a known reason, at unique, increasing
    positions, for the file it came from, and a limit reads the same first results; extraction
    turns each record into an article with a body and a UTC date, or a reject. Any exception,
    or a broken promise, fails.
    """
    path = Path(tmp_dir) / f"fuzzed.{fmt}"
    path.write_bytes(data)
    input_file = describe(path)
    results = list(read_records(input_file))
    assert results, "a file gives at least one result, if only a reject"
    positions = [result.position for result in results]
    assert positions == sorted(set(positions)) and positions[0] >= 0, positions
    # A quick run with a limit reads the same first records.
    head = len(results) // 2 or 1
    assert list(read_records(input_file, limit=head)) == results[:head]
    for result in results:
        assert result.file_id == input_file.file_id, result
        if isinstance(result, Rejected):
            assert result.reason in REASONS, result
            continue
        assert isinstance(result, RawRecord), result
        assert result.kind in ("html", "text") and result.content.strip(), result
        if extract:
            outcome = extract_record(result)
            assert isinstance(outcome, Article | Rejected), outcome
            assert (outcome.file_id, outcome.position) == (result.file_id, result.position)
            if isinstance(outcome, Rejected):
                assert outcome.reason in REASONS, outcome
            else:
                assert outcome.body.strip() and outcome.body_hash == body_fingerprint(outcome.body)
                moment = outcome.published_at
                assert moment is None or moment.utcoffset() == timedelta(0), moment


def run(formats: Sequence[str], runs: int, seed: int, extract: bool, save: Path) -> int:
    """Fuzz the formats in turn for `runs` inputs in all; save and report each failing input."""
    failures = 0
    started = time.monotonic()
    per_format = -(-runs // len(formats))
    streams = {fmt: fuzz_inputs(fmt, per_format, seed) for fmt in formats}
    with tempfile.TemporaryDirectory(prefix="kabar-fuzz-") as tmp_dir:
        for done in range(runs):
            fmt = formats[done % len(formats)]
            data = next(streams[fmt])
            try:
                fuzz_one(data, fmt, tmp_dir, extract)
            except Exception:
                failures += 1
                save.mkdir(parents=True, exist_ok=True)
                crash = save / f"crash-{seed}-{done}.{fmt}"
                crash.write_bytes(data)
                print(f"input {done} ({fmt}) fails; saved as {crash}", file=sys.stderr)
                traceback.print_exc()
            if (done + 1) % 1000 == 0:
                rate = (done + 1) / (time.monotonic() - started)
                print(f"{done + 1} inputs, {failures} failing, {rate:.0f}/s", file=sys.stderr)
    print(f"{runs} inputs, {failures} failing, {time.monotonic() - started:.1f} s")
    return 1 if failures else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=len(FORMATS) * 300, help="inputs in all")
    parser.add_argument(
        "--format", choices=FORMATS, action="append", help="repeatable; default all"
    )
    parser.add_argument("--seed", type=int, default=0, help="another seed gives other inputs")
    parser.add_argument("--no-extract", action="store_true", help="read only, do not extract")
    parser.add_argument(
        "--save",
        type=Path,
        default=Path(tempfile.gettempdir()) / "kabar-fuzz-crashes",
        help="failing inputs go here",
    )
    parser.add_argument("--replay", type=Path, help="run one saved input (needs --format)")
    args = parser.parse_args(argv)
    formats = args.format or list(FORMATS)
    if args.replay is not None:
        if len(formats) != 1:
            parser.error("--replay needs exactly one --format")
        with tempfile.TemporaryDirectory(prefix="kabar-fuzz-") as tmp_dir:
            fuzz_one(args.replay.read_bytes(), formats[0], tmp_dir, not args.no_extract)
        print("no failure")
        return 0
    return run(formats, args.runs, args.seed, not args.no_extract, args.save)


if __name__ == "__main__":
    sys.exit(main())

"""The readers on mutated dumps of every format: a fixed, seeded fuzz run for CI."""

from __future__ import annotations

from pathlib import Path

import pytest

from tasks.read.discover import describe
from tasks.read.readers import read_records
from tasks.records import RawRecord, Reason, Rejected
from tests.fuzz.fuzz_readers import CORPUS, FORMATS, fuzz_inputs, fuzz_one, seeds

# Inputs per format in CI; `python -m tests.fuzz.fuzz_readers --runs 100000` goes further.
RUNS_PER_FORMAT = 300


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_seed_is_a_valid_dump_of_its_format(fmt: str):
    for path in sorted(CORPUS.glob(f"*.{fmt}")):
        results = list(read_records(describe(path)))
        assert results and any(isinstance(r, RawRecord) for r in results), path.name


def test_every_format_has_a_seed_and_every_seed_a_format():
    assert all(seeds(fmt) for fmt in FORMATS)
    named = {path.name for fmt in FORMATS for path in CORPUS.glob(f"*.{fmt}")}
    assert named == {path.name for path in CORPUS.iterdir()}


def test_fuzz_inputs_are_the_same_on_every_run_and_mostly_new():
    first = list(fuzz_inputs("warc.gz", 200))
    assert first == list(fuzz_inputs("warc.gz", 200))
    assert len(set(first) - set(seeds("warc.gz"))) > 150
    assert list(fuzz_inputs("warc.gz", 200, seed=1)) != first


@pytest.mark.parametrize("fmt", FORMATS)
def test_readers_survive_mutated_dumps(fmt: str, tmp_path: Path):
    for index, data in enumerate(fuzz_inputs(fmt, RUNS_PER_FORMAT)):
        try:
            fuzz_one(data, fmt, tmp_path)
        except Exception as error:
            crash = tmp_path / f"crash-{index}.{fmt}"
            crash.write_bytes(data)
            raise AssertionError(
                f"fuzz input {index} of {fmt} fails ({crash}); replay it with "
                f"python -m tests.fuzz.fuzz_readers --replay {crash} --format {fmt}"
            ) from error


def test_a_zip_member_with_a_damaged_local_header_name_is_a_reject(tmp_path: Path):
    # Found by the fuzzer (a byte deletion before the first member shifted its offsets).
    data = bytearray((CORPUS / "dump.zip").read_bytes())
    assert data[:4] == b"PK\x03\x04"
    data[7] |= 0x08  # flag bit 11 of the local header: the name is UTF-8
    data[30] = 0xFF  # the name's first byte, in the local header only: not UTF-8
    path = tmp_path / "damaged.zip"
    path.write_bytes(bytes(data))
    results = list(read_records(describe(path)))
    assert all(isinstance(r, RawRecord | Rejected) for r in results)
    assert any(isinstance(r, Rejected) and r.reason == Reason.TRUNCATED for r in results)

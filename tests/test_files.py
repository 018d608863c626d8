"""Small files read whole: JSONL with errors naming the line, and file hashes."""

import hashlib
import re

import pytest

from framing.errors import InputError
from framing.files import file_sha256, read_jsonl


def test_read_jsonl_skips_blank_lines_and_takes_a_byte_order_mark(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_bytes('\ufeff{"doc": "d1"}\n\n{"doc": "d2", "cue": "قال"}\n'.encode("utf-8"))
    assert read_jsonl(path) == [{"doc": "d1"}, {"doc": "d2", "cue": "قال"}]


@pytest.mark.parametrize("line, words", [
    ("{oops", "line 2: not valid JSON"),
    ("[1, 2]", "line 2: expected a JSON object"),
    ('{"doc": "d2"}', "line 2: missing field(s) ['cue']"),
    ("[" * 100_000, "line 2: not valid JSON"),
])
def test_read_jsonl_names_the_bad_line(tmp_path, line, words):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"doc": "d1", "cue": "said"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(words)) as err:
        read_jsonl(path, required=("doc", "cue"))
    assert str(path) in str(err.value)


def test_file_sha256_reads_in_blocks(tmp_path):
    data = bytes(range(256)) * 10_000  # several blocks
    path = tmp_path / "blob.bin"
    path.write_bytes(data)
    assert file_sha256(path) == hashlib.sha256(data).hexdigest()

"""`python -m xxgk parse`: the contract on stdout, clear errors, exit codes."""

import json
import subprocess
import sys

from tests.conftest import ROOT, SEED

CONTRACT_FIELDS = {"source", "agency", "region", "year", "template", "published_on", "values",
                   "narrative", "findings"}


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "xxgk", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_parse_json_one_file_prints_one_object():
    done = _run("parse", "--json", str(SEED))
    assert done.returncode == 0
    record = json.loads(done.stdout)
    assert set(record) == CONTRACT_FIELDS
    assert set(record["source"]) == {"path", "sha256", "format"}
    assert set(record["narrative"]) == {"overview", "problems", "other"}
    assert all(set(f) == {"rule", "severity", "message", "keys", "where"} for f in record["findings"])


def test_parse_json_several_files_prints_an_array(tmp_path):
    other = tmp_path / "garbage.bin"
    other.write_bytes(bytes(range(256)) * 4)
    done = _run("parse", "--json", str(SEED), str(other))
    assert done.returncode == 0  # not a report is a finding, not a failure
    records = json.loads(done.stdout)
    assert [len(r["values"]) for r in records] == [198, 0]
    assert records[1]["findings"][0]["rule"] == "not-a-report"


def test_missing_file_is_one_clear_line_and_nonzero_exit(tmp_path):
    done = _run("parse", str(tmp_path / "nope.txt"))
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [f"xxgk: cannot read {tmp_path / 'nope.txt'}: "
                                                "No such file or directory"]


def test_summary_names_agency_year_template_and_counts():
    done = _run("parse", str(SEED))
    assert "保健路街道办事处" in done.stdout and "2020" in done.stdout
    assert "198 values" in done.stdout


def test_editor_hash_prints_a_secrets_line_that_verifies(tmp_path):
    """`python -m xxgk editor-hash NAME` asks the password twice and prints the [editors] line."""
    import tomllib

    from argon2 import PasswordHasher

    out = subprocess.run([sys.executable, "-m", "xxgk", "editor-hash", "张三"], cwd=ROOT,
                         input="对的口令\n对的口令\n", capture_output=True, text=True, check=True)
    secrets = tomllib.loads(out.stdout)
    assert PasswordHasher().verify(secrets["editors"]["张三"], "对的口令")
    mismatch = subprocess.run([sys.executable, "-m", "xxgk", "editor-hash", "张三"], cwd=ROOT,
                              input="一\n二\n", capture_output=True, text=True)
    assert mismatch.returncode == 1 and "不一致" in mismatch.stderr

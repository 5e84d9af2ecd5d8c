import json

import pytest

from bench.runner import main


def test_lists_benchmarks(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--list"]) == 0
    assert "demo_build" in capsys.readouterr().out.split()


def test_prints_one_json_object_per_figure(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo_build", "--quick"]) == 0
    figures = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {f["name"] for f in figures} == {"demo_build_sqlite_s", "catalogue_read_ms"}
    assert all(set(f) == {"name", "value", "unit"} and f["value"] > 0 for f in figures)


def test_unknown_benchmark_is_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bestaat_niet"]) == 2
    assert "Onbekende benchmark" in capsys.readouterr().err

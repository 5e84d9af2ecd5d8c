"""`veiligheidsdialoog import` and `values`: exit codes, Dutch errors on stderr, database unchanged."""

import csv
import io
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from core.db import make_engine, transaction
from facilitator.cli import main
from tests.support.districts import add_district


@pytest.fixture
def demo_copy(writable_demo_sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    """DATABASE_URL points at a private copy of the demo database; returns the file."""
    monkeypatch.setenv("DATABASE_URL", writable_demo_sqlite_url)
    return Path(make_url(writable_demo_sqlite_url).database or "")


def test_rejected_file_exits_2_with_dutch_error_and_changes_nothing(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "levering.csv"
    bad.write_text("indicator;gemeente;jaar;waarde\nVB-S03;GM0748;2020;veel\n", encoding="utf-8")
    before = demo_copy.read_bytes()
    assert main(["import", str(bad)]) == 2
    error = capsys.readouterr().err
    assert "Bestand afgewezen, er is niets opgeslagen." in error
    assert "levering.csv, rij 2, kolom 'waarde': geen getal: 'veel'" in error
    assert demo_copy.read_bytes() == before


def test_dry_run_then_import_then_values(demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "halt.csv"
    good.write_text("Gemeente;2021\nBergen op Zoom;41\nTholen;7\n", encoding="utf-8")
    assert main(["import", str(good), "--indicator", "ZV-I01", "--supplier", "Halt", "--dry-run"]) == 0
    assert "Proefimport: er is niets opgeslagen." in capsys.readouterr().out
    assert main(["import", str(good), "--indicator", "ZV-I01", "--supplier", "Halt"]) == 0
    assert "Opgeslagen als levering" in capsys.readouterr().out
    assert main(["values", "--indicator", "ZV-I01", "--area", "GM0748"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert list(rows[0]) == ["area_code", "area_name", "year", "breakdown", "value", "source"]
    assert {"year": "2021", "value": "41.0", "source": "Halt"}.items() <= next(
        r for r in rows if r["year"] == "2021"
    ).items()


def test_values_per_10k_for_real_cbs_figures(demo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["values", "--indicator", "AV-C01", "--area", "GM0748", "--per-10k"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert round(float(rows[0]["value"]), 1) == 623.5
    assert main(["values", "--indicator", "XX-1"]) == 2
    assert "Onbekende indicator" in capsys.readouterr().err


def test_missing_file(demo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", "bestaat-niet.csv"]) == 2
    assert "Bestand niet gevonden" in capsys.readouterr().err


def test_statline_labels_download_with_a_chosen_topic(demo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A real StatLine 'CSV met labels' download (layout b, five topics, 2024*) as published."""
    download = Path(__file__).resolve().parents[1] / "fixtures" / "statline_labels"
    path = download / "cbs_vermogen_huishoudens_regio_2024_labels.csv"
    assert main(["import", str(path)]) == 2
    assert "--onderwerp" in capsys.readouterr().err
    assert main(["import", str(path), "--onderwerp", "Mediaan vermogen"]) == 2
    assert "ONDERWERP=CODE" in capsys.readouterr().err
    assert main(["import", str(path), "--onderwerp", "Mediaan vermogen=GCC-I05", "--supplier", "CBS"]) == 0
    out = capsys.readouterr().out
    assert "Opgeslagen als levering" in out
    assert "voorlopige cijfers (CBS): 2024*" in out
    assert main(["values", "--indicator", "GCC-I05", "--area", "GM0748"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["year"], r["value"]) for r in rows if r["year"] == "2024"] == [("2024", "115.7")]


def test_buurt_population_is_summed_per_municipality_with_aggregate(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """CBS 'Kerncijfers wijken en buurten 2024' (85984NED, OData CSV as published): refused as a buurt file without the
    option, naming it; with --aggregate gemeente the buurten of Bergen op Zoom are summed and become the denominator
    of its per-10,000 figures; Woensdrecht, with a buurt CBS keeps secret, is not stored and the output says why."""
    path = Path(__file__).resolve().parents[1] / "fixtures" / "cbs_85984NED_kwb_2024_typeddataset.csv"
    before = demo_copy.read_bytes()
    assert main(["import", str(path)]) == 2
    error = capsys.readouterr().err
    assert "cijfers per buurt en wijk" in error
    assert "--aggregate gemeente" in error
    assert demo_copy.read_bytes() == before

    assert main(["import", str(path), "--aggregate", "gemeente"]) == 0
    out = capsys.readouterr().out
    assert "25 buurten opgeteld tot 1 gemeente (bevolking op 1 januari 2024" in out
    assert "Bergen op Zoom: buurten samen 69.695, gemeenteregel 69.694 (verschil +1)" in out
    assert "Woensdrecht niet opgeslagen: 1 van de 11 buurten heeft geen waarde" in out
    assert "Opgeslagen als levering" in out

    crimes = tmp_path / "politie_2024.csv"
    crimes.write_text("indicator;gemeente;jaar;uitsplitsing;waarde\nAV-C01;GM0748;2024;totaal;3485\n", encoding="utf-8")
    assert main(["import", str(crimes), "--supplier", "Politie"]) == 0
    capsys.readouterr()
    assert main(["values", "--indicator", "AV-C01", "--area", "GM0748", "--per-10k"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    per_10k = next(r for r in rows if r["year"] == "2024")
    assert float(per_10k["value"]) == pytest.approx(3485 / 69_695 * 10_000)  # 500,0 on the summed population
    assert main(["deliveries"]) == 0
    assert "cbs_85984NED_kwb_2024_typeddataset.csv" in capsys.readouterr().out


def test_former_municipalities_refused_naming_the_successor_or_merged_on_request(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A district with Voorne aan Zee receives a file on the old division for 2023: refused, naming the successor;
    with `--voormalige-gemeenten samenvoegen` the counts of Brielle, Hellevoetsluis and Westvoorne are added."""
    engine = make_engine(f"sqlite:///{demo_copy}")
    with transaction(engine) as db:
        add_district(db, tmp_path)
    engine.dispose()
    old = tmp_path / "misdrijven_2023.csv"
    old.write_text(
        "indicator;gemeente;jaar;waarde\nAV-C01;Brielle;2023;700\nAV-C01;Hellevoetsluis;2023;1500\n"
        "AV-C01;Westvoorne;2023;420\n",
        encoding="utf-8",
    )
    before = demo_copy.read_bytes()
    assert main(["import", str(old), "--supplier", "Politie"]) == 2
    error = capsys.readouterr().err
    assert (
        "misdrijven_2023.csv, rij 2, kolom 'gemeente': Brielle (GM0501) is per 1 januari 2023 opgegaan in "
        "Voorne aan Zee (GM1992)"
    ) in error
    assert "--voormalige-gemeenten samenvoegen" in error
    assert demo_copy.read_bytes() == before

    assert main(["import", str(old), "--supplier", "Politie", "--voormalige-gemeenten", "samenvoegen"]) == 0
    out = capsys.readouterr().out
    assert "3 waarden van voormalige gemeenten opgeteld bij hun opvolger" in out
    assert "Opgeslagen als levering" in out
    assert main(["values", "--indicator", "AV-C01", "--area", "GM1992"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["area_name"], r["year"], r["value"]) for r in rows] == [("Voorne aan Zee", "2023", "2620.0")]

from sqlmodel import Session

from indicators.catalogue import catalogue_frame
from indicators.coverage import coverage_matrix, gaps, overlap_candidates, similarity


def test_matrix_counts_every_active_indicator_with_a_step(demo_db: Session) -> None:
    matrix = coverage_matrix(db=demo_db)
    active = catalogue_frame(db=demo_db, status="actief")
    assert int(matrix.to_numpy().sum()) == int((active["chain_step_code"] != "").sum())
    assert list(matrix.columns) == ["Preventie", "Signalen", "Interventies", "Effect"]
    assert matrix.loc["Veilige buurt", "Preventie"] == 3


def test_gaps_are_the_empty_cells(demo_db: Session) -> None:
    empty = gaps(coverage_matrix(db=demo_db))
    assert ("Digitale veiligheid", "Preventie") in empty
    assert ("Zorg en veiligheid", "Effect") not in empty


def test_overlap_is_flagged_for_same_supplier_and_similar_definition(demo_db: Session) -> None:
    overlaps = overlap_candidates(db=demo_db)
    pairs = set(zip(overlaps["code_a"], overlaps["code_b"], strict=True))
    assert ("ZV-S05", "ZV-S09") in pairs  # Veilig Thuis reports, absolute and per 10,000
    assert all(overlaps["shared_suppliers"] != "")


def test_similarity() -> None:
    assert similarity("meldingen huiselijk geweld", "meldingen huiselijk geweld") == 1
    assert similarity("brandweer incidenten", "halt voorlichting") == 0

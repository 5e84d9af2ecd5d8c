"""Monitor speed: a theme page's script run at district and at national scale.

`monitor_theme_district_s`: the demo database (8 municipalities, ~60 indicators, 5 years).
`monitor_theme_national_s`: a generated database (342 municipalities, 100 indicators, 10 years),
the same page for one district. Cold runs (data caches cleared before each run) are the headline
figures; warm runs (cache hits) are reported next to them.
"""

import statistics
import tempfile
import time
from pathlib import Path

from bench.national import build_national_database
from bench.registry import Figure, benchmark
from core.db import make_engine
from facilitator.page_timing import page_run_samples
from indicators.areas import DEFAULT_DISTRICT
from sessions.demo import build_demo_database

PAGE = "app_pages/monitor.py"
PARAMS = {"thema": "ZV", "gebied": DEFAULT_DISTRICT}  # the largest theme table


@benchmark("monitor_theme")
def monitor_theme(quick: bool) -> list[Figure]:
    """The two databases are measured alternately (two passes each) so that machine noise hits both alike."""
    runs = 4 if quick else 10
    samples: dict[str, tuple[list[float], list[float]]] = {"district": ([], []), "national": ([], [])}
    with tempfile.TemporaryDirectory() as folder:
        urls = {
            "district": f"sqlite:///{Path(folder) / 'district.sqlite'}",
            "national": f"sqlite:///{Path(folder) / 'national.sqlite'}",
        }
        build_demo_database(make_engine(urls["district"]))
        started = time.perf_counter()
        counts = build_national_database(make_engine(urls["national"]))
        build_seconds = time.perf_counter() - started
        for _ in range(2):
            for name, url in urls.items():
                cold, warm = page_run_samples(url, PAGE, PARAMS, runs)
                samples[name][0].extend(cold)
                samples[name][1].extend(warm)
    district_cold, national_cold = (statistics.median(samples[n][0]) for n in ("district", "national"))
    district_warm, national_warm = (statistics.median(samples[n][1]) for n in ("district", "national"))
    return [
        Figure("monitor_theme_district_s", district_cold, "s"),
        Figure("monitor_theme_national_s", national_cold, "s"),
        Figure("monitor_theme_national_to_district_ratio", national_cold / district_cold, "x"),
        Figure("monitor_theme_district_warm_s", district_warm, "s"),
        Figure("monitor_theme_national_warm_s", national_warm, "s"),
        Figure("national_db_observations", counts.observations, "rows"),
        Figure("national_db_build_s", build_seconds, "s"),
    ]

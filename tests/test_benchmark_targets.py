"""The browser benchmark's verdict on a run (``benchmark/browser_bench.py``, ``verdicts``): each
run is judged on its own figures, the openings against Odoo's contact form in the same run and
each page of the big customer after its click, at the limits themselves included."""

import importlib.util
import unittest
from pathlib import Path

_PATH = Path(__file__).resolve().parent.parent / "benchmark" / "browser_bench.py"
_spec = importlib.util.spec_from_file_location("ficha_benchmark_browser_bench", _PATH)
browser_bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(browser_bench)


def run_figures(small_ratio, big_ratio, pages):
    """A run's results as ``browser_bench.main`` gathers them, reduced to what is judged."""
    return {
        "small": {"ratio": small_ratio},
        "big": {"ratio": big_ratio},
        "big_pages": {name: {"median_ms": ms} for name, ms in pages.items()},
    }


class TestBenchmarkTargets(unittest.TestCase):
    def test_each_figure_against_its_limit(self):
        results = run_figures(1.0, 0.81, {"installments": 45.2, "financial": 250.0, "indicators": 250.4})
        self.assertEqual(
            browser_bench.verdicts(results),
            [
                ("small sheet / contact form", 1.0, 1.0, True),
                ("big sheet / contact form", 0.81, 0.8, False),
                ("page installments", 45.2, 250, True),
                ("page financial", 250.0, 250, True),
                ("page indicators", 250.4, 250, False),
            ],
        )

    def test_a_run_within_every_limit(self):
        results = run_figures(0.73, 0.6, {"financial": 187.0, "indicators": 206.0})
        self.assertTrue(all(met for _what, _figure, _limit, met in browser_bench.verdicts(results)))

"""Evaluation helpers shared by bench/ and tests/: benchmark scoring and data loading (metrics.py), running the
structure stage over benchmark pages (run.py), PolNeAR attribution scoring (polnear.py), generated WARC files
(warcs.py) and the news pages of the scaling measurements (scaling.py).

bench/ and tests/ import these instead of each other. The helpers read ../shared only through the paths given to
them (bench/ and tests/conftest.py each say where ../shared is). This package is not part of the installed
product: the wheel holds ``newssift`` alone, and nothing in ``newssift`` imports it.
"""

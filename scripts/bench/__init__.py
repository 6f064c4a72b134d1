"""`make bench`: the figures the scale and editors' issues set targets for, each measured in a
process of its own and reported in bench/ (gitignored) with its verdict.

- pipeline.py: the real build (scripts/site/build.py) on synthetic packages of growing size
  (synthesize.py), stage by stage, against bare MkDocs Material (baseline.py);
- stress.py: validation of hostile and oversized packages (`python -m scripts.bench.stress`);
- report.py: the Section each part hands to the report, and its verdicts.

    python -m scripts.bench [--sizes 500,2000,8000] [--runs 3]"""

"""The site's benchmarks: build cost, page weight, form responsiveness, Lighthouse scores, PDF
sizes and the offline copy, each against a budget. `python -m benchmarks` (`make bench`) measures
them and writes benchmarks/results.md and results.json.

- `run.py`: the budgets and the run (the entry point);
- `report.py`: figures, budgets, the report (pure);
- `build.py`: timed builds in a copy of the project; `assets.py`: JS/CSS sizes;
- `browser.py`: the built site on loopback in Chromium and Lighthouse; `team.py`, `compare.py`,
  `offline.py`: the Team results, Progress over time and offline figures;
- `machine.py`: what the report says about the machine.
"""

"""The learned act-and-accused layer (the labels stage): who accuses whom, with confidence.

- `lexicons.py`: derived WordNet word classes and VADER valences (data/lexicons/);
- `features.py`: a claim's features and its accused candidates (syntax, lexicons, encoder);
- `model.py`: the shipped act model and accused ranker (`data/learned/analysis_model.npz`);
- `labeller.py`: the hook `build_records` calls (`default_labeller()`, `RULES`).

Trained by `make train` (`pipeline/training/analysis.py`) on the shared analysis gold;
measured out of fold by `make evaluate-analysis`.
"""

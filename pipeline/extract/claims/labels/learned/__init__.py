"""The learned act-and-accused labeller (a replacement of the rules' `label_act`): who accuses
whom, with confidence.

- `words.py`: derived WordNet word classes and VADER valences (lexicon tables, data/lexicons/);
- `features.py`: a claim's features and its accused candidates (syntax, word classes, encoder);
- `model.py`: the shipped act model and accused ranker (`data/learned/analysis_model.npz`);
- `labeller.py`: the labeller `LearnedActs` and `default_labellers()`, the extractor's default.

Trained by `make train` (`pipeline/training/analysis.py`) on the shared analysis gold;
measured out of fold by `make evaluate-analysis`.
"""

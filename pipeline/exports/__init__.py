"""The warehouse written out for other programs: the analysis export (`analysis.py`, one JSON
object per article)."""

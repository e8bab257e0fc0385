"""Training of the claim decision model (research and `make train`; not run in production).

- `corpus`: PolNeAR splits and their parses, cached once as spaCy DocBins.
"""

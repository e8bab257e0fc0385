"""The `newsclaims` command line: `main.py` parses and dispatches; a command with more than a
few lines of its own has a module here (`extract.py`, `ingest.py`, `report.py`)."""

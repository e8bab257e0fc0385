"""One pipeline run: executing it in this process (`execute.py`), one writer at a time and stale
runs freed (`lifecycle.py`), whether there is anything to do (`stamp.py`), the Dagster resources
(`resources.py`) and the ingest and extract steps shared by the assets and the CLI (`steps.py`)."""

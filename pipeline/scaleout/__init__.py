"""Scaling out: lake-mode runs spread over worker processes (docs/scaling.md).

The storage half of lake mode (configuration, connections, the read-only view) is
`pipeline.lake`; this package drives it: local services and workers (`cluster`, `services`),
the run launcher's executor, partition extraction, backfills and `make scale-demo` (`demo`).

    python -m pipeline.scaleout.cluster up --workers 2
"""

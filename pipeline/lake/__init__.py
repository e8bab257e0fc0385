"""Lake mode: the raw tables and the marts in DuckLake (PostgreSQL catalog, local or S3 data).

Configuration, not a fork: set NEWSCLAIMS_LAKE to a `ducklake:postgres:<libpq dsn>` catalog and
the same assets, dbt project and checks write there instead of the embedded DuckDB file
(docs/scaling.md). Unset, nothing here is imported by a run. This package is the storage
half (configuration, connections, the read-only view); `pipeline.scaleout` drives runs on it.
"""

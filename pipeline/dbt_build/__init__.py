"""The dbt build as the pipeline runs it: when to parse and build, build ids and build folders
(`builds.py`), and the warm dbt client behind `newsclaims-dbt` (`warm.py`)."""

"""The report site: static pages an analyst opens from file:// (plain Python, no Dagster).

from pipeline.report import build_site
build_site(Path("warehouse/newsclaims.duckdb"), Path("warehouse/report"))
"""

from pipeline.report.site import BuildResult, build_site

__all__ = ["BuildResult", "build_site"]

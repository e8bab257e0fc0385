-- One row of ingestion totals: how much of the input folder ended up in quarantine.
WITH files AS (
    SELECT source_path AS path FROM raw.articles
    UNION
    SELECT path FROM raw.quarantine
),
whole_files AS (
    SELECT DISTINCT path FROM raw.quarantine WHERE line_number IS NULL
),
totals AS (
    SELECT
        (SELECT count(*) FROM files) AS n_files,
        (SELECT count(*) FROM whole_files) AS n_quarantined_files,
        (SELECT count(*) FROM raw.quarantine) AS n_quarantine_rows,
        (SELECT count(*) FROM raw.quarantine WHERE line_number IS NOT NULL) AS n_quarantined_records,
        (SELECT count(*) FROM raw.articles) AS n_articles
)
SELECT
    *,
    coalesce(n_quarantined_files / nullif(n_files, 0), 0.0) AS quarantined_file_share,
    coalesce(
        n_quarantined_records / nullif(n_quarantined_records + n_articles, 0), 0.0
    ) AS quarantined_record_share
FROM totals

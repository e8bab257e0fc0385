-- raw.quarantine, one row per quarantined file (or JSON/JSONL record).
SELECT
    path,
    line_number,
    reason,
    detail,
    seen_at,
    length(trim(detail)) AS detail_length
FROM raw.quarantine

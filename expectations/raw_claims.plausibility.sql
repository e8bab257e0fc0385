-- raw.claims, one row per claim, with per-claim flags, its article's claim density, and the
-- average per extracted article (the same value on every row).
SELECT
    c.claim_id,
    c.article_id,
    c.speaker_text,
    c.speaker_name,
    length(c.content) AS content_length,
    CASE WHEN c.speaker_text IS NULL THEN 1 ELSE 0 END AS is_unattributed,
    count(*) OVER (PARTITION BY c.article_id) AS claims_in_article,
    1000.0 * count(*) OVER (PARTITION BY c.article_id) / nullif(a.word_count, 0)
        AS claims_per_1000_words,
    count(*) OVER ()
        / nullif((SELECT count(*) FROM raw.article_extractions), 0) AS claims_per_article
FROM raw.claims AS c
LEFT JOIN raw.articles AS a ON a.article_id = c.article_id

-- raw.entity_mentions, one row per mention, with its article's mention density and the average
-- per extracted article (the same value on every row).
SELECT
    m.mention_id,
    m.article_id,
    m.start_char,
    m.end_char,
    m.text,
    m.label,
    length(m.text) AS text_length,
    count(*) OVER (PARTITION BY m.article_id) AS mentions_in_article,
    1000.0 * count(*) OVER (PARTITION BY m.article_id) / nullif(a.word_count, 0)
        AS mentions_per_1000_words,
    count(*) OVER ()
        / nullif((SELECT count(*) FROM raw.article_extractions), 0) AS mentions_per_article
FROM raw.entity_mentions AS m
LEFT JOIN raw.articles AS a ON a.article_id = m.article_id

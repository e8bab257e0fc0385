-- raw.entity_mentions, one row per mention, with its article's length and the article text at
-- the mention's offsets (offsets are 0-based, end-exclusive, in characters; substr is 1-based).
SELECT
    m.mention_id,
    m.article_id,
    m.sentence_index,
    m.start_char,
    m.end_char,
    m.text,
    m.label,
    m.extractor_version,
    length(trim(m.normalized_name)) AS normalized_name_length,
    length(trim(m.resolved_name)) AS resolved_name_length,
    a.article_id IS NOT NULL AS article_exists,
    length(a.text) AS article_length,
    substr(a.text, m.start_char + 1, m.end_char - m.start_char) AS text_at_offsets
FROM raw.entity_mentions AS m
LEFT JOIN raw.articles AS a ON a.article_id = m.article_id

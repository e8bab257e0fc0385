-- raw.claim_targets, one row per (claim, target), checked against its claim, its article and
-- the entity mention it was taken from.
SELECT
    t.claim_id,
    t.article_id,
    t.target_name,
    t.target_label,
    t.start_char,
    t.end_char,
    t.role,
    length(trim(t.target_name)) AS target_name_length,
    EXISTS (SELECT 1 FROM raw.claims AS c WHERE c.claim_id = t.claim_id) AS claim_exists,
    NOT EXISTS (
        SELECT 1 FROM raw.claims AS c WHERE c.claim_id = t.claim_id AND c.article_id <> t.article_id
    ) AS article_matches_claim,
    (SELECT length(a.text) FROM raw.articles AS a WHERE a.article_id = t.article_id)
        AS article_length,
    (
        SELECT bool_or(list_bool_or(list_transform(
            c.content_spans, lambda s: s[1] <= t.start_char AND t.end_char <= s[2]
        )))
        FROM raw.claims AS c WHERE c.claim_id = t.claim_id
    ) AS inside_claim_content,
    EXISTS (
        SELECT 1 FROM raw.entity_mentions AS m
        WHERE m.article_id = t.article_id
          AND m.start_char = t.start_char AND m.end_char = t.end_char
    ) AS mention_at_offsets
FROM raw.claim_targets AS t

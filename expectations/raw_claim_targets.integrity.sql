-- raw.claim_targets, one row per (claim, target, role), checked against its claim, its article and
-- the words it was taken from: an entity mention or a pronoun in the content ("we" for the
-- speaker's organisation), or (for a denial of one's own wrongdoing) the claim's speaker.
SELECT
    t.claim_id,
    t.article_id,
    t.target_name,
    t.target_label,
    t.start_char,
    t.end_char,
    t.role,
    t.confidence,
    length(trim(t.target_name)) AS target_name_length,
    EXISTS (SELECT 1 FROM raw.claims AS c WHERE c.claim_id = t.claim_id) AS claim_exists,
    NOT EXISTS (
        SELECT 1 FROM raw.claims AS c WHERE c.claim_id = t.claim_id AND c.article_id <> t.article_id
    ) AS article_matches_claim,
    (SELECT length(a.text) FROM raw.articles AS a WHERE a.article_id = t.article_id)
        AS article_length,
    (
        -- spans unnested rather than a lambda over t's columns: DuckDB 1.5 binds no outer
        -- column inside a lambda
        SELECT bool_or(
            (s.span[1] <= t.start_char AND t.end_char <= s.span[2])
            OR (t.start_char = c.speaker_start AND t.end_char = c.speaker_end)
            -- the object of an accusation cue may stand outside the content ("blamed Iran …")
            OR t.role <> 'about'  -- stored for a reviewed act correction too
        )
        FROM raw.claims AS c, (SELECT unnest(c.content_spans) AS span) AS s
        WHERE c.claim_id = t.claim_id
    ) AS inside_claim_content,
    EXISTS (
        SELECT 1 FROM raw.entity_mentions AS m
        WHERE m.article_id = t.article_id
          AND m.start_char = t.start_char AND m.end_char = t.end_char
    )
    OR EXISTS (
        SELECT 1 FROM raw.claims AS c
        WHERE c.claim_id = t.claim_id
          AND t.start_char = c.speaker_start AND t.end_char = c.speaker_end
    )
    -- a role named by its owner ("FBI director", "Donald Trump's campaign manager")
    OR EXISTS (
        SELECT 1 FROM raw.entity_mentions AS m
        WHERE m.article_id = t.article_id
          AND m.start_char = t.start_char AND m.end_char < t.end_char
    )
    OR (
        SELECT
            lower(substr(a.text, t.start_char + 1, t.end_char - t.start_char)) IN (
                'i', 'me', 'my', 'mine', 'myself', 'he', 'him', 'his', 'himself', 'she', 'her',
                'hers', 'herself', 'it', 'its', 'itself', 'they', 'them', 'their', 'theirs',
                'themselves', 'we', 'us', 'our', 'ours', 'ourselves'
            )
            -- a definite description of an actor named before ("the company", "the governor")
            -- or a role its owner gives ("my campaign manager")
            OR regexp_matches(substr(a.text, t.start_char + 1, t.end_char - t.start_char),
                              '^(?i:the|this|that|my|his|her|its|our|their|your)\W+\w')
        FROM raw.articles AS a WHERE a.article_id = t.article_id
    ) AS reference_at_offsets
FROM raw.claim_targets AS t

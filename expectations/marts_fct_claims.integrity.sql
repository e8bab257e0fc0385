-- marts.fct_claims, one row per claim, with whether each actor id it refers to exists in
-- marts.dim_actors (EXISTS, so duplicate actors cannot multiply rows).
SELECT
    f.claim_id,
    f.article_id,
    f.speaker_actor_id,
    f.reported_by_actor_id,
    f.form,
    f.act,
    f.content_start,
    f.content_end,
    length(trim(f.content)) AS content_length,
    EXISTS (SELECT 1 FROM raw.articles AS a WHERE a.article_id = f.article_id) AS article_exists,
    f.speaker_actor_id IS NULL
        OR EXISTS (SELECT 1 FROM marts.dim_actors AS d WHERE d.actor_id = f.speaker_actor_id)
        AS speaker_actor_exists,
    f.reported_by_actor_id IS NULL
        OR EXISTS (SELECT 1 FROM marts.dim_actors AS d WHERE d.actor_id = f.reported_by_actor_id)
        AS reported_by_actor_exists,
    (
        SELECT count(*) FROM (
            SELECT claim_id, actor_id FROM marts.bridge_claim_about
            UNION ALL SELECT claim_id, actor_id FROM marts.bridge_claim_accused
        ) AS b
        WHERE b.claim_id = f.claim_id
          AND NOT EXISTS (SELECT 1 FROM marts.dim_actors AS d WHERE d.actor_id = b.actor_id)
    ) AS n_dangling_target_actors,
    (
        SELECT string_agg(DISTINCT b.actor_id::VARCHAR, ', ') FROM (
            SELECT claim_id, actor_id FROM marts.bridge_claim_about
            UNION ALL SELECT claim_id, actor_id FROM marts.bridge_claim_accused
        ) AS b
        WHERE b.claim_id = f.claim_id
          AND NOT EXISTS (SELECT 1 FROM marts.dim_actors AS d WHERE d.actor_id = b.actor_id)
    ) AS dangling_target_actor_ids
FROM marts.fct_claims AS f

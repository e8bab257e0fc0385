-- marts.dim_actors, one row per actor, with the values whose range is a matter of judgement.
SELECT
    actor_id,
    canonical_name,
    actor_type,
    canonical_key,
    length(canonical_name) AS canonical_name_length,
    n_articles,
    n_mentions + n_claims_made + n_claims_about AS n_references,  -- reporters have none
    CASE WHEN canonical_key LIKE 'unnamed:%' THEN 1 ELSE 0 END AS is_unnamed
FROM marts.dim_actors

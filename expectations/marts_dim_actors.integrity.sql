-- marts.dim_actors, one row per actor (list columns reduced to their lengths).
SELECT
    actor_id,
    canonical_key,
    canonical_name,
    actor_type,
    length(trim(canonical_name)) AS canonical_name_length,
    len(aliases) AS n_aliases,
    n_articles,
    n_mentions,
    n_claims_made,
    n_claims_about,
    first_seen,
    last_seen
FROM marts.dim_actors

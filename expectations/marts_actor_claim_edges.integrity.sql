-- marts.actor_claim_edges, one row per (speaker, target) pair, with whether both actors exist
-- and the sum of the per-act counts.
SELECT
    e.speaker_actor_id,
    e.target_actor_id,
    e.n_claims,
    e.n_accusations,
    e.n_denials,
    e.accusation_confidence,
    e.denial_confidence,
    e.n_accusations + e.n_denials + e.n_noncommittal + e.n_hedges + e.n_assertions AS n_by_act,
    e.speaker_actor_id = e.target_actor_id AS is_self_edge,
    EXISTS (SELECT 1 FROM marts.dim_actors AS d WHERE d.actor_id = e.speaker_actor_id)
        AS speaker_exists,
    EXISTS (SELECT 1 FROM marts.dim_actors AS d WHERE d.actor_id = e.target_actor_id)
        AS target_exists
FROM marts.actor_claim_edges AS e

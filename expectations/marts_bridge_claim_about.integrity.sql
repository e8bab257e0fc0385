-- marts.bridge_claim_about, one row per (claim, actor it is about).
SELECT
    b.claim_id,
    b.actor_id,
    EXISTS (SELECT 1 FROM marts.fct_claims AS f WHERE f.claim_id = b.claim_id) AS claim_exists,
    EXISTS (SELECT 1 FROM marts.dim_actors AS d WHERE d.actor_id = b.actor_id) AS actor_exists
FROM marts.bridge_claim_about AS b

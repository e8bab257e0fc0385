-- marts.bridge_claim_accused, one row per (claim, accused actor), with whether the claim and
-- actor exist and whether the claim is also about the actor.
SELECT
    b.claim_id,
    b.actor_id,
    b.accused_confidence,
    EXISTS (SELECT 1 FROM marts.fct_claims AS f WHERE f.claim_id = b.claim_id) AS claim_exists,
    EXISTS (SELECT 1 FROM marts.dim_actors AS d WHERE d.actor_id = b.actor_id) AS actor_exists,
    EXISTS (
        SELECT 1 FROM marts.bridge_claim_about AS a
        WHERE a.claim_id = b.claim_id AND a.actor_id = b.actor_id
    ) AS also_about,
    (SELECT f.act FROM marts.fct_claims AS f WHERE f.claim_id = b.claim_id) AS act
FROM marts.bridge_claim_accused AS b

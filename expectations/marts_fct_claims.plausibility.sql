-- marts.fct_claims, one row per claim: how many claims were resolved to actors.
SELECT
    claim_id,
    article_id,
    act,
    speaker_mention,
    speaker_actor_id
FROM marts.fct_claims

-- Who says what about whom: one row per speaker -> target pair, counted by kind and stance.

select
    c.speaker_actor_id,
    any_value(c.speaker_canonical_name) as speaker_name,
    b.actor_id as target_actor_id,
    any_value(b.actor_name) as target_name,
    count(distinct c.claim_id) as n_claims,
    count(distinct c.claim_id) filter (where c.claim_kind = 'accusation') as n_accusations,
    count(distinct c.claim_id) filter (where c.claim_kind = 'denial') as n_denials,
    count(distinct c.claim_id) filter (where c.claim_kind in ('direct', 'mixed')) as n_quotes,
    count(distinct c.claim_id) filter (where c.claim_kind = 'indirect') as n_reported_speech,
    count(distinct c.claim_id) filter (where c.stance = 'assert') as n_assert,
    count(distinct c.claim_id) filter (where c.stance = 'deny') as n_deny,
    count(distinct c.claim_id) filter (where c.stance = 'noncommittal') as n_noncommittal,
    count(distinct c.claim_id) filter (where c.stance = 'hedged') as n_hedged,
    min(c.article_date) as first_seen,
    max(c.article_date) as last_seen
from {{ ref('fct_claims') }} c
join {{ ref('bridge_claim_targets') }} b using (claim_id)
where c.speaker_actor_id is not null and c.speaker_actor_id <> b.actor_id
group by c.speaker_actor_id, b.actor_id

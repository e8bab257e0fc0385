-- Which actors each claim is about (named entities inside its content).

select
    t.claim_id,
    m.actor_id,
    any_value(m.canonical_name) as actor_name,
    count(*) as n_mentions
from {{ ref('int_claim_targets_keyed') }} t
join {{ ref('int_actor_map') }} m using (base_key)
group by t.claim_id, m.actor_id

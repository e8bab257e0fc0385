-- Who accuses whom, and who says what about whom: one row per (speaker, target) pair.
-- A target is an actor a claim is about or accuses. One meaning of an edge everywhere (the
-- report reads these counts): an accusation counts only towards the actors it accuses
-- ("Kremlin accuses Ukraine of attacking a depot inside Russia" is an accusation of Ukraine,
-- not of Russia), and a denial only towards the party whose wrongdoing it denies ("defended
-- Cruz" is a denial with Cruz accused; "I did nothing wrong" is the speaker's own, no edge).
-- Each other act has its own column. The confidences are the best accusation (denial) of the
-- pair: P(act right) x P(party accused), both calibrated out of fold; null on rules alone.

with targets as (
    select
        claim_id,
        actor_id,
        any_value(actor_name) as actor_name,
        bool_or(is_accused) as is_accused,
        max(accused_confidence) as accused_confidence
    from (
        select claim_id, actor_id, actor_name, false as is_accused, null::double as accused_confidence
        from {{ ref('bridge_claim_about') }}
        union all
        select claim_id, actor_id, actor_name, true, accused_confidence
        from {{ ref('bridge_claim_accused') }}
    )
    group by claim_id, actor_id
)

select
    c.speaker_actor_id,
    any_value(c.speaker_canonical_name) as speaker_name,
    t.actor_id as target_actor_id,
    any_value(t.actor_name) as target_name,
    count(*) as n_claims,
    count(*) filter (where c.act = 'accuse' and t.is_accused) as n_accusations,
    count(*) filter (where c.act = 'deny' and t.is_accused) as n_denials,
    count(*) filter (where c.act = 'noncommittal') as n_noncommittal,
    count(*) filter (where c.act = 'hedge') as n_hedges,
    count(*) filter (where c.act = 'assert') as n_assertions,
    count(*) filter (where c.form in ('direct', 'mixed')) as n_quotes,
    max(c.act_confidence * t.accused_confidence) filter (where c.act = 'accuse' and t.is_accused)
        as accusation_confidence,
    max(c.act_confidence * t.accused_confidence) filter (where c.act = 'deny' and t.is_accused)
        as denial_confidence,
    min(c.article_date) as first_seen,
    max(c.article_date) as last_seen
from {{ ref('fct_claims') }} c
join targets t using (claim_id)
where c.speaker_actor_id is not null and c.speaker_actor_id <> t.actor_id
group by c.speaker_actor_id, t.actor_id

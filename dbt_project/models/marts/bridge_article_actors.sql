-- Which actors each article involves, with the surface forms and roles the article gives them:
-- named-entity mentions, speakers (an unnamed speaker's phrase is its surface form), the
-- actors claims are about, and reporting outlets.

with refs as (
    select article_id, actor_id, mention_text as surface, null as role, 'mention' as ref_type
    from {{ ref('fct_entity_mentions') }}
    where actor_id is not null

    union all

    select
        article_id,
        speaker_actor_id,
        case when speaker_type in ('GROUP', 'UNNAMED') then speaker_mention end,
        speaker_role,
        'speaker'
    from {{ ref('fct_claims') }}
    where speaker_actor_id is not null

    union all

    select c.article_id, b.actor_id, null, null, 'about'
    from {{ ref('bridge_claim_about') }} b
    join {{ ref('fct_claims') }} c using (claim_id)

    union all

    select article_id, reported_by_actor_id, reported_by, null, 'reporter'
    from {{ ref('fct_claims') }}
    where reported_by_actor_id is not null
)

select
    r.article_id,
    r.actor_id,
    any_value(a.canonical_name) as canonical_name,
    any_value(a.actor_type) as actor_type,
    list_sort(coalesce(list(distinct r.surface) filter (where r.surface is not null), [])) as mentions,
    list_sort(coalesce(list(distinct r.role) filter (where r.role is not null), [])) as roles,
    count(*) filter (where r.ref_type = 'mention') as n_mentions,
    count(*) filter (where r.ref_type = 'speaker') as n_claims_made,
    count(*) filter (where r.ref_type = 'about') as n_claims_about
from refs r
join {{ ref('dim_actors') }} a using (actor_id)
group by r.article_id, r.actor_id

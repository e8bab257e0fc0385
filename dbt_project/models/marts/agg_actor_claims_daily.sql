-- Claims per actor per publication day, made and about. Claims of undated articles have no day
-- and are left out (fct_claims.article_date is null for them).

with made as (
    select speaker_actor_id as actor_id, article_date as day, count(*) as n_claims_made
    from {{ ref('fct_claims') }}
    where speaker_actor_id is not null and article_date is not null
    group by all
),

about as (
    select b.actor_id, c.article_date as day, count(distinct c.claim_id) as n_claims_about
    from {{ ref('bridge_claim_about') }} b
    join {{ ref('fct_claims') }} c using (claim_id)
    where c.article_date is not null
    group by all
)

select
    actor_id,
    day,
    coalesce(made.n_claims_made, 0) as n_claims_made,
    coalesce(about.n_claims_about, 0) as n_claims_about
from made
full outer join about using (actor_id, day)

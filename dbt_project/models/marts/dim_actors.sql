-- One row per real-world actor, with every name it went by, the roles it was given and the
-- organisations or places those roles name.

with named as (
    select distinct actor_id, canonical_key, canonical_name, actor_type
    from {{ ref('int_actor_map') }}
),

actors as (
    select actor_id, canonical_key, canonical_name, actor_type from named
    union all
    select actor_id, canonical_key, canonical_name, actor_type from {{ ref('int_unnamed_speakers') }}
),

mentions as (
    select
        actor_id,
        count(*) as n_mentions,
        list(distinct mention_text) as surfaces,
        list(distinct resolved_name) as names,
        min(article_date) as first_seen,
        max(article_date) as last_seen,
        list(distinct article_id) as articles
    from {{ ref('fct_entity_mentions') }}
    where actor_id is not null
    group by actor_id
),

made as (
    select
        speaker_actor_id as actor_id,
        count(*) as n_claims_made,
        list(distinct speaker_role) filter (where speaker_role is not null) as roles,
        list(distinct speaker_canonical_name) as names,
        min(article_date) as first_seen,
        max(article_date) as last_seen,
        list(distinct article_id) as articles
    from {{ ref('fct_claims') }}
    where speaker_actor_id is not null
    group by speaker_actor_id
),

reported as (
    select
        reported_by_actor_id as actor_id,
        list(distinct reported_by) as names,
        min(article_date) as first_seen,
        max(article_date) as last_seen,
        list(distinct article_id) as articles
    from {{ ref('fct_claims') }}
    where reported_by_actor_id is not null
    group by reported_by_actor_id
),

about as (
    select
        b.actor_id,
        count(distinct b.claim_id) as n_claims_about,
        min(c.article_date) as first_seen,
        max(c.article_date) as last_seen,
        list(distinct c.article_id) as articles
    from {{ ref('bridge_claim_about') }} b
    join {{ ref('fct_claims') }} c using (claim_id)
    group by b.actor_id
),

role_words as (
    -- one- and two-word phrases of each role, to find the organisations or places it names
    select distinct
        actor_id,
        unnest(list_concat(
            words,
            list_transform(range(1, len(words)), lambda i: words[i] || ' ' || words[i + 1])
        )) as phrase
    from (
        select
            actor_id,
            string_split(trim(regexp_replace(lower(role), '[^\w\s-]', ' ', 'g')), ' ') as words
        from (select actor_id, unnest(roles) as role from made)
    )
),

affiliations as (
    select
        r.actor_id,
        list(distinct coalesce(d.place, m.canonical_name) order by coalesce(d.place, m.canonical_name)) as affiliations
    from role_words r
    left join {{ ref('int_demonym_forms') }} d on d.form = r.phrase
    left join (select * from named where actor_type in ('organisation', 'place')) m
        on m.canonical_key = r.phrase
    where d.place is not null or m.canonical_name is not null
    group by r.actor_id
)

select
    a.actor_id,
    a.canonical_key,
    a.canonical_name,
    a.actor_type,
    list_sort(list_distinct(list_filter(
        flatten([
            [a.canonical_name],
            coalesce(m.surfaces, []),
            coalesce(m.names, []),
            coalesce(mc.names, []),
            coalesce(rp.names, [])
        ]),
        lambda x: x is not null and trim(x) <> ''
    ))) as aliases,
    list_sort(coalesce(mc.roles, [])) as roles,
    coalesce(af.affiliations, []) as affiliations,
    len(list_distinct(flatten([
        coalesce(m.articles, []), coalesce(mc.articles, []),
        coalesce(rp.articles, []), coalesce(ab.articles, [])
    ]))) as n_articles,
    coalesce(m.n_mentions, 0) as n_mentions,
    coalesce(mc.n_claims_made, 0) as n_claims_made,
    coalesce(ab.n_claims_about, 0) as n_claims_about,
    least(m.first_seen, mc.first_seen, rp.first_seen, ab.first_seen) as first_seen,
    greatest(m.last_seen, mc.last_seen, rp.last_seen, ab.last_seen) as last_seen
from actors a
left join mentions m using (actor_id)
left join made mc using (actor_id)
left join reported rp using (actor_id)
left join about ab using (actor_id)
left join affiliations af using (actor_id)

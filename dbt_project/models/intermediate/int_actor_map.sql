-- Resolves every (article, base key) to one canonical actor.
--   1. demonyms and their plurals map to their place ("ukrainians" -> Ukraine), curated aliases
--      to their actor;
--   2. a one-word person name joins a full person name ending with it only with evidence in
--      its article: the article names that full name too; or gives the one-word name a role
--      the full name has elsewhere ("Judge Jackson" joins a "Jackson" who is a judge, never
--      "Andrew Jackson" the president); or shares at least two other named people or
--      organisations with an article naming the full name ("Putin" beside "Kremlin" and
--      "Dmitry Peskov"), unless their roles conflict (both have roles, none shared). With
--      several such full names, the one with at least the share `surname_dominance` (dbt
--      var) of their references, else none. The article's own surnames were resolved by the
--      extractor already: a bare surname left over names someone the article does not name in
--      full;
--   3. never a join that seeds/actor_never_merge.csv forbids (a pair of names, or a name with
--      "*": never merged into another actor);
--   4. actor_id is a hash of the canonical key, so it is stable from run to run;
--   5. the reviewed corrections (seeds/actor_corrections.csv, int_corrections): `merge` is an
--      alias, `rename` and `type` set the name and type of an actor (its actor_id stays).
--      `split` acted upstream, on the keys of one article.

with ref_counts as (
    select
        article_id,
        base_key,
        count(*) as n_refs,
        count(*) filter (where label = 'PERSON') as n_person,
        count(*) filter (where label = 'ORG') as n_org,
        count(*) filter (where label in ('GPE', 'LOC', 'FAC')) as n_place,
        count(*) filter (where label = 'NORP') as n_group,
        mode(name) as common_name
    from {{ ref('int_actor_references') }}
    group by article_id, base_key
),

names as (
    select base_key, sum(n_refs) as n_refs, sum(n_person) as n_person, sum(n_place) as n_place
    from ref_counts
    group by base_key
),

corrections as (
    -- the reviewed actor corrections (seeds/actor_corrections.csv) that act here: `merge` is an
    -- alias, `rename` and `type` set the name and type of an actor (its actor_id stays);
    -- `split` acted upstream, on the keys of its article
    select action, subject_key, value, value_key
    from {{ ref('int_corrections') }}
    where kind = 'actor' and action in ('merge', 'rename', 'type')
),

never as (
    -- a forbidden join, both ways; other_name '*' forbids every join of the name (kept as
    -- it is: the key of '*' would be empty)
    select
        {{ actor_key('name') }} as key_a,
        case when trim(other_name) = '*' then '*' else {{ actor_key('other_name') }} end as key_b
    from {{ ref('actor_never_merge') }}
    union all
    select {{ actor_key('other_name') }}, {{ actor_key('name') }}
    from {{ ref('actor_never_merge') }}
    where trim(other_name) <> '*'
),

aliases as (
    -- "u.s." and "us" normalise to the same key: one row per key; a `merge` correction is one
    select {{ actor_key('alias') }} as alias_key, min(canonical_name) as canonical_name
    from (
        select alias, canonical_name from {{ ref('actor_aliases') }}
        union all
        select subject_key, value from corrections where action = 'merge'
    )
    group by 1
),

demonyms as (
    select form as demonym, place from {{ ref('int_demonym_forms') }}
),

curated as (
    select
        n.*,
        coalesce(d.place, al.canonical_name) as curated_name,
        {{ actor_key('coalesce(d.place, al.canonical_name)') }} as curated_key
    from names n
    left join demonyms d on n.base_key = d.demonym
    left join aliases al on n.base_key = al.alias_key
),

keyed as (
    select
        c.base_key,
        c.n_person,
        c.n_place,
        case when blocked.key_a is null then c.curated_name end as curated_name,
        case when blocked.key_a is null then c.curated_key end as curated_key,
        case when blocked.key_a is null then coalesce(c.curated_key, c.base_key)
            else c.base_key end as key1
    from curated c
    left join never blocked
        on blocked.key_a = c.base_key and blocked.key_b in (c.curated_key, '*')
),

full_person_names as (
    select k.key1, regexp_extract(k.key1, '(\S+)$', 1) as surname, sum(r.n_refs) as n_refs
    from keyed k
    join ref_counts r using (base_key)
    where k.n_person > 0 and k.curated_key is null and k.key1 like '% %'
    group by k.key1
),

article_keys as (
    select r.article_id, k.key1, bool_and(k.n_place = 0) as not_place
    from ref_counts r
    join keyed k using (base_key)
    group by r.article_id, k.key1
),

roles as (
    select r.article_id, k.key1, r.role_word
    from {{ ref('int_actor_roles') }} r
    join keyed k on k.base_key = r.actor_key
),

surname_candidates as (
    select a.article_id, a.key1 as surname, f.key1 as full_key, f.n_refs
    from article_keys a
    join keyed k on k.key1 = a.key1 and k.base_key = a.key1
    join full_person_names f on f.surname = a.key1
    where k.curated_key is null and a.key1 not like '% %' and k.n_person > 0
        and not exists (
            select 1 from never n where n.key_a = a.key1 and n.key_b in (f.key1, '*')
        )
),

evidence as (
    select
        c.*,
        exists (
            select 1 from article_keys a where a.article_id = c.article_id and a.key1 = c.full_key
        ) as named_here,
        exists (
            select 1
            from roles here
            join roles there on there.role_word = here.role_word
            where here.article_id = c.article_id and here.key1 = c.surname
                and there.key1 = c.full_key
        ) as same_role,
        exists (select 1 from roles here where here.article_id = c.article_id
                and here.key1 = c.surname)
            and exists (select 1 from roles there where there.key1 = c.full_key) as both_roles,
        (
            -- other people and organisations this article shares with one naming the full name
            select coalesce(max(n_shared), 0)
            from (
                select count(distinct here.key1) as n_shared
                from article_keys named
                join article_keys there on there.article_id = named.article_id
                join article_keys here
                    on here.key1 = there.key1 and here.article_id = c.article_id
                where named.key1 = c.full_key and named.article_id <> c.article_id
                    and here.not_place and here.key1 not in (c.surname, c.full_key)
                group by named.article_id
            )
        ) as n_shared
    from surname_candidates c
),

evidenced as (
    select *
    from evidence
    where named_here or same_role or (n_shared >= 2 and not both_roles)
),

surname_match as (
    -- a tie leaves every share at or under 0.5, so the arg_max choice never matters then
    select
        article_id,
        surname,
        arg_max(full_key, n_refs) as full_key,
        max(n_refs) / sum(n_refs) as top_share,
        count(*) as n_full
    from evidenced
    group by article_id, surname
),

resolved as (
    select
        r.*,
        k.key1,
        k.curated_name,
        case
            when s.n_full = 1 or s.top_share >= {{ var('surname_dominance') }} then s.full_key
            else k.key1
        end as canonical_key
    from ref_counts r
    join keyed k using (base_key)
    left join surname_match s on s.article_id = r.article_id and s.surname = k.key1
),

per_actor as (
    select
        canonical_key,
        max(curated_name) as curated_name,
        arg_max(common_name, length(common_name) * 1000 + n_refs)
            filter (where key1 = canonical_key) as best_name,
        sum(n_person) as n_person,
        sum(n_org) as n_org,
        sum(n_place) as n_place,
        sum(n_group) as n_group
    from resolved
    group by canonical_key
),

typed as (
    select
        p.canonical_key,
        coalesce(rn.value, p.curated_name, p.best_name, p.canonical_key) as canonical_name,
        coalesce(
            ty.value_key,
            ka.actor_type,
            case
                when p.curated_name is not null and p.n_place >= greatest(p.n_org, p.n_person) then 'place'
                when p.n_person >= greatest(p.n_org, p.n_place, p.n_group) then 'person'
                when p.n_org >= greatest(p.n_place, p.n_group) then 'organisation'
                when p.n_place >= p.n_group then 'place'
                else 'group'
            end
        ) as actor_type
    from per_actor p
    left join {{ ref('known_actors') }} ka
        on {{ actor_key('ka.canonical_name') }} = p.canonical_key
    left join (
        select subject_key, max(value) as value from corrections where action = 'rename' group by 1
    ) rn on rn.subject_key = p.canonical_key
    left join (
        select subject_key, max(value_key) as value_key from corrections where action = 'type' group by 1
    ) ty on ty.subject_key = p.canonical_key
)

select
    r.article_id,
    r.base_key,
    r.canonical_key,
    t.canonical_name,
    t.actor_type,
    substr(md5('actor:' || r.canonical_key), 1, 16) as actor_id
from resolved r
join typed t using (canonical_key)

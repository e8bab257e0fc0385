-- Resolves every base key to one canonical actor.
--   1. demonyms and their plurals map to their place ("ukrainians" -> Ukraine), curated aliases
--      to their actor;
--   2. a one-word person name joins the only full person name in the corpus ending with it
--      ("gladkov" -> "vyacheslav gladkov"), or the one that has at least the share
--      `surname_dominance` (dbt var) of the references of all full names ending with it
--      ("trump" -> "donald trump", not "melania trump"); otherwise it stays unmerged (an
--      article naming both resolved its own surnames already, so a bare surname left over is
--      most likely the most referred-to bearer);
--   3. actor_id is a hash of the canonical key, so it is stable from run to run;
--   4. the reviewed corrections (seeds/actor_corrections.csv, int_corrections): `merge` is an
--      alias, `never_merge` stops the surname rule for one pair, `rename` and `type` set the
--      name and type of an actor (its actor_id stays). `split` acted upstream, on the keys.

with names as (
    select
        base_key,
        count(*) as n_refs,
        count(*) filter (where label = 'PERSON') as n_person,
        count(*) filter (where label = 'ORG') as n_org,
        count(*) filter (where label in ('GPE', 'LOC', 'FAC')) as n_place,
        count(*) filter (where label = 'NORP') as n_group,
        mode(name) as common_name
    from {{ ref('int_actor_references') }}
    group by base_key
),

corrections as (
    select action, subject_key, value, value_key
    from {{ ref('int_corrections') }}
    where kind = 'actor' and action in ('merge', 'never_merge', 'rename', 'type')
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
    select *, coalesce(curated_key, base_key) as key1 from curated
),

full_person_names as (
    select key1, regexp_extract(key1, '(\S+)$', 1) as surname, sum(n_refs) as n_refs
    from keyed
    where n_person > 0 and curated_key is null and key1 like '% %'
    group by key1
),

surname_match as (
    -- a tie leaves every share at or under 0.5, so the arg_max choice never matters then
    select
        surname,
        arg_max(key1, n_refs) as full_key,
        max(n_refs) / sum(n_refs) as top_share,
        count(distinct key1) as n_full
    from full_person_names
    group by surname
),

resolved as (
    select
        k.*,
        case
            when k.curated_key is null and k.key1 not like '% %' and k.n_person > 0
                and (s.n_full = 1 or s.top_share >= {{ var('surname_dominance') }})
                and nm.subject_key is null
                then s.full_key
            else k.key1
        end as canonical_key
    from keyed k
    left join surname_match s on s.surname = k.key1
    left join corrections nm
        on nm.action = 'never_merge' and nm.subject_key = k.key1 and nm.value_key = s.full_key
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
    r.base_key,
    r.canonical_key,
    t.canonical_name,
    t.actor_type,
    substr(md5('actor:' || r.canonical_key), 1, 16) as actor_id
from resolved r
join typed t using (canonical_key)

-- One row per reviewed correction (seeds actor_corrections and claim_corrections) with how
-- many things it matched in this build: a claim correction matches its claim, an actor
-- correction the references (merge, split) or actors (rename, type) it names. A
-- correction that matches nothing (an article removed, a claim the extractor no longer finds)
-- stays listed with `applied` false. The report counts these rows.

with claims as (
    select claim_id, article_id from {{ ref('int_claims_keyed') }}
),

references_before as (
    -- the keys as the extractor gave them, before any split
    select article_id, base_key from {{ ref('int_mentions_keyed') }} where is_actor_label
    union all
    select article_id, speaker_base_key from {{ ref('int_claims_keyed') }}
    union all
    select article_id, base_key from {{ ref('int_claim_targets_keyed') }}
),

matched as (
    select
        x.*,
        case
            when x.kind = 'claim' then (select count(*) from claims c where c.claim_id = x.subject)
            when x.action = 'split' then (
                select count(*) from references_before r
                where r.article_id = x.article_id and r.base_key = x.subject_key
            )
            when x.action = 'merge' then (
                select count(*) from {{ ref('int_actor_references') }} r
                where r.base_key = x.subject_key
            )
            else (
                select count(distinct m.actor_id) from {{ ref('int_actor_map') }} m
                where m.canonical_key = x.subject_key
            )
        end as n_matched
    from {{ ref('int_corrections') }} x
)

select
    md5(concat_ws('|', kind, action, subject, value, coalesce(article_id, ''))) as correction_id,
    kind,
    action,
    subject,
    value,
    article_id,
    note,
    n_matched,
    n_matched > 0 as applied
from matched

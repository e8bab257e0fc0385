{{ config(materialized='view') }}
-- Claim targets after the reviewed corrections: the targets of a `not_claim` leave, a `split`
-- re-keys a target in its article and `accused_add` adds an accused actor by name
-- (`accused_remove` is applied where targets meet actors: claim_actor_bridge). A view.

with splits as (
    {{ correction_splits() }}
)

select t.* replace (
    coalesce(s.name, t.target_name) as target_name,
    coalesce(s.key, t.base_key) as base_key
)
from {{ ref('int_claim_targets_keyed') }} t
join {{ ref('int_claims_corrected') }} c using (claim_id)
left join splits s on s.article_id = t.article_id and s.subject_key = t.base_key

union all by name

select
    x.subject as claim_id,
    c.article_id,
    x.value as target_name,
    'PERSON' as target_label,
    cast(null as integer) as start_char,
    cast(null as integer) as end_char,
    'accused' as target_role,
    x.value_key as base_key,
    c.extracted_at
from {{ ref('int_corrections') }} x
join {{ ref('int_claims_corrected') }} c on c.claim_id = x.subject
where x.kind = 'claim' and x.action = 'accused_add'

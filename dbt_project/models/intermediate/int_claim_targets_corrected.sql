{{ config(materialized='view') }}
-- Claim targets after the reviewed corrections: the targets of a `not_claim` leave, a `split`
-- re-keys a target in its article and `accused_add` adds an accused actor by name
-- (`accused_remove` is applied where targets meet actors: claim_actor_bridge). A view.
-- An `act` correction revisits the accused: the extractor's accused belong to its act, so
-- under another act they are only actors the claim is about, and the parties the analysis
-- model would accuse under the new act (target_role `accused_if_accuse` / `accused_if_deny`,
-- stored at extraction) become the accused. Those stored alternatives leave otherwise.

with splits as (
    {{ correction_splits() }}
),

roles as (
    select t.*, case
        when t.target_role in ('accused', 'about') and c.act = k.act then t.target_role
        when t.target_role in ('accused', 'about') then 'about'
        when t.target_role = 'accused_if_' || c.act and c.act <> k.act then 'accused'
    end as corrected_role
    from {{ ref('int_claim_targets_keyed') }} t
    join {{ ref('int_claims_corrected') }} c using (claim_id)
    join {{ ref('int_claims_keyed') }} k using (claim_id)
),

targets as (
    select * exclude (corrected_role) replace (
        corrected_role as target_role,
        case when corrected_role = 'accused' then target_confidence end as target_confidence
    )
    from roles
)

select t.* replace (
    coalesce(s.name, t.target_name) as target_name,
    coalesce(s.key, t.base_key) as base_key
)
from targets t
left join splits s on s.article_id = t.article_id and s.subject_key = t.base_key
where t.target_role is not null

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

{{ config(**incremental_by_article_config()) }}

with extractions as (
    {{ articles_to_rebuild() }}
)

select
    t.claim_id,
    t.article_id,
    t.target_name,
    t.target_label,
    t.start_char,
    t.end_char,
    t.target_role,
    t.target_confidence,
    {{ actor_key('t.target_name') }} as base_key,
    e.extracted_at
from {{ ref('stg_claim_targets') }} t
join extractions e using (article_id)

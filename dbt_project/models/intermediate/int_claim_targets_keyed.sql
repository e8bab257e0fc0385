{{
    config(
        materialized='incremental',
        unique_key='article_id',
        incremental_strategy='delete+insert',
        post_hook="delete from {{ this }} where article_id not in (select article_id from {{ ref('stg_article_extractions') }})"
    )
}}

with extractions as (
    select article_id, extracted_at from {{ ref('stg_article_extractions') }}
    {% if is_incremental() %}
    where extracted_at > (select coalesce(max(extracted_at), '1900-01-01'::timestamp) from {{ this }})
    {% endif %}
)

select
    t.claim_id,
    t.article_id,
    t.target_name,
    t.target_label,
    t.start_char,
    t.end_char,
    {{ actor_key('t.target_name') }} as base_key,
    e.extracted_at
from {{ ref('stg_claim_targets') }} t
join extractions e using (article_id)

{{ config(**incremental_by_article_config()) }}
-- Entity mentions with their normalised actor key. Incremental: only articles extracted
-- since the last build are (re)processed; `dbt build --full-refresh` rebuilds everything.

with extractions as (
    {{ articles_to_rebuild() }}
)

select
    m.mention_id,
    m.article_id,
    m.sentence_index,
    m.start_char,
    m.end_char,
    m.mention_text,
    m.label,
    m.normalized_name,
    m.resolved_name,
    m.extractor_version,
    {{ actor_key('m.resolved_name') }} as base_key,
    m.label in ('PERSON', 'ORG', 'GPE', 'LOC', 'NORP', 'FAC') as is_actor_label,
    a.article_date,
    e.extracted_at
from {{ ref('stg_entity_mentions') }} m
join extractions e using (article_id)
join {{ ref('stg_articles') }} a using (article_id)

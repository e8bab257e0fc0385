{{ config(materialized='view') }}
-- Entity mentions after the `split` corrections: in the article a split names, a mention keyed
-- like its `name` resolves to the actor it names instead. A view: an edit of the corrections
-- reaches every model downstream without rebuilding the incremental int_mentions_keyed.

with splits as (
    {{ correction_splits() }}
)

select m.* replace (
    coalesce(s.name, m.resolved_name) as resolved_name,
    coalesce(s.key, m.base_key) as base_key
)
from {{ ref('int_mentions_keyed') }} m
left join splits s on s.article_id = m.article_id and s.subject_key = m.base_key

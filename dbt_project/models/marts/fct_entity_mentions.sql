-- Every named-entity mention, linked to its actor where the label denotes one.

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
    case when m.is_actor_label then a.actor_id end as actor_id,
    m.article_date,
    m.extractor_version
from {{ ref('int_mentions_corrected') }} m
left join {{ ref('int_actor_map') }} a using (article_id, base_key)

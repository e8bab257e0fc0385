select
    mention_id,
    article_id,
    sentence_index,
    start_char,
    end_char,
    text as mention_text,
    label,
    normalized_name,
    coalesce(nullif(trim(resolved_name), ''), normalized_name) as resolved_name,
    extractor_version
from {{ source('raw', 'entity_mentions') }}

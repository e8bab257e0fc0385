select
    article_id,
    title,
    body,
    text as article_text,
    length(text) as text_length,
    source_path,
    source_format,
    url,
    outlet,
    published_at,
    language,
    word_count,
    external_id,
    ingested_at,
    published_utc_offset_min,
    cast(coalesce(published_at, ingested_at) as date) as article_date
from {{ source('raw', 'articles') }}

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
    -- the date where it was published (its own UTC offset); unknown stays null, never the ingest date
    cast(published_at + to_minutes(coalesce(published_utc_offset_min, 0)) as date) as article_date
from {{ source('raw', 'articles') }}

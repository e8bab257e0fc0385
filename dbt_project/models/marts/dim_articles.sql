select
    a.article_id,
    a.title,
    a.outlet,
    a.url,
    a.published_at,
    a.published_utc_offset_min,
    a.article_date,
    a.source_path,
    a.source_format,
    a.external_id,
    a.language,
    a.word_count,
    a.ingested_at,
    e.extractor_version,
    e.extracted_at,
    coalesce(e.n_claims, 0) as n_claims,
    coalesce(e.n_mentions, 0) as n_mentions,
    e.extraction_error
from {{ ref('stg_articles') }} a
left join {{ ref('stg_article_extractions') }} e using (article_id)

select
    article_id,
    extractor_version,
    extracted_at,
    n_claims,
    n_mentions,
    error as extraction_error
from {{ source('raw', 'article_extractions') }}

select
    claim_id,
    article_id,
    target_name,
    target_label,
    start_char,
    end_char,
    role as target_role,
    confidence as target_confidence
from {{ source('raw', 'claim_targets') }}

select
    path,
    line_number,
    reason,
    detail,
    seen_at
from {{ source('raw', 'quarantine') }}

select
    t.claim_id,
    t.article_id,
    t.target_name,
    t.target_label,
    t.start_char,
    t.end_char,
    -- rows written before the extractor recorded roles: an accusation's targets are accused
    coalesce(t.role, case when c.kind = 'accusation' then 'accused' else 'about' end) as target_role
from {{ source('raw', 'claim_targets') }} t
left join {{ source('raw', 'claims') }} c using (claim_id)

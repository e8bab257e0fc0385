select
    claim_id,
    article_id,
    sentence_index,
    kind as claim_kind,
    stance,
    -- rows written before the extractor recorded form and act get them from kind and stance
    coalesce(form, case
        when kind = 'unattributed' then 'none'
        when kind in ('direct', 'mixed') then kind
        else 'indirect'
    end) as form,
    coalesce(act, case
        when kind = 'accusation' then 'accuse'
        when kind = 'denial' or stance = 'deny' then 'deny'
        when stance = 'noncommittal' then 'noncommittal'
        when stance = 'hedged' then 'hedge'
        else 'assert'
    end) as act,
    cue,
    cue_start,
    cue_end,
    content,
    content_start,
    content_end,
    content_spans,
    nullif(trim(speaker_text), '') as speaker_mention,
    speaker_start,
    speaker_end,
    nullif(trim(speaker_name), '') as speaker_name,
    nullif(trim(speaker_role), '') as speaker_role,
    speaker_type,
    nullif(trim(reported_by), '') as reported_by,
    extractor_version
from {{ source('raw', 'claims') }}

{{ config(materialized='view') }}
-- Claims after the reviewed corrections: a `not_claim` leaves, `speaker` and `act` replace what
-- the extractor found, and a `split` re-keys the speaker in its article. A view over the
-- incremental int_claims_keyed, so a correction costs no re-extraction and no incremental
-- rebuild.

with fixes as (
    select
        subject as claim_id,
        bool_or(action = 'not_claim') as dropped,
        max(value) filter (where action = 'speaker') as speaker,
        max(value_key) filter (where action = 'speaker') as speaker_key,
        max(value_key) filter (where action = 'act') as act
    from {{ ref('int_corrections') }}
    where kind = 'claim'
    group by subject
),

splits as (
    {{ correction_splits() }}
)

select c.* replace (
    coalesce(f.act, c.act) as act,
    -- a reviewed act is no model's guess: no confidence
    case when f.act is null then c.act_confidence end as act_confidence,
    coalesce(f.speaker, s.name, c.speaker_name) as speaker_name,
    coalesce(f.speaker_key, s.key, c.speaker_base_key) as speaker_base_key,
    case when f.speaker is null then c.unnamed_speaker_key end as unnamed_speaker_key
)
from {{ ref('int_claims_keyed') }} c
left join fixes f using (claim_id)
left join splits s on s.article_id = c.article_id and s.subject_key = c.speaker_base_key
where not coalesce(f.dropped, false)

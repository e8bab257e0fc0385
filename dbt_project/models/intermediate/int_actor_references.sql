-- Every reference to a named actor: entity mentions, named speakers, claim targets and
-- reporting outlets, with the name as written and a coarse label.

select article_id, 'mention' as ref_type, resolved_name as name, base_key, label, article_date
from {{ ref('int_mentions_corrected') }}
where is_actor_label and base_key is not null

union all

select article_id, 'speaker', speaker_name, speaker_base_key,
    case speaker_type when 'GROUP' then 'NORP' when 'UNNAMED' then 'PERSON' else coalesce(speaker_type, 'PERSON') end,
    article_date
from {{ ref('int_claims_corrected') }}
where speaker_base_key is not null

union all

select t.article_id, 'target', t.target_name, t.base_key, t.target_label, c.article_date
from {{ ref('int_claim_targets_corrected') }} t
join {{ ref('int_claims_corrected') }} c using (claim_id)
where t.base_key is not null

union all

select article_id, 'reporter', reported_by, reporter_base_key, 'ORG', article_date
from {{ ref('int_claims_corrected') }}
where reporter_base_key is not null

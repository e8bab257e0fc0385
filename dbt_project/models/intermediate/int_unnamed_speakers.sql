-- Speakers without a name ("analysts", "an exiled Russian politician"): one actor per
-- article and phrase, typed group (plural or collective) or unnamed (one person).

select
    unnamed_speaker_key as canonical_key,
    arg_min(speaker_mention, speaker_start) as canonical_name,
    case when bool_or(speaker_type = 'GROUP') then 'group' else 'unnamed' end as actor_type,
    substr(md5('actor:' || unnamed_speaker_key), 1, 16) as actor_id
from {{ ref('int_claims_keyed') }}
where unnamed_speaker_key is not null
group by unnamed_speaker_key

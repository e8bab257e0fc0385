-- Speakers without a name ("analysts", "an exiled Russian politician"): one actor per
-- article and phrase, typed group: a source the article does not name ("analysts", "a hospital
-- official") is a group source, as the analysis gold types it.

select
    unnamed_speaker_key as canonical_key,
    arg_min(speaker_mention, speaker_start) as canonical_name,
    'group' as actor_type,
    substr(md5('actor:' || unnamed_speaker_key), 1, 16) as actor_id
from {{ ref('int_claims_corrected') }}
where unnamed_speaker_key is not null
group by unnamed_speaker_key

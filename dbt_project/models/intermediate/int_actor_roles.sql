-- The role words each named speaker is given in each article ("Judge" -> judge; "New Jersey
-- governor" and "Gov." -> governor, seeds/title_abbreviations.csv): evidence that a bare
-- surname and a full name are one person (int_actor_map). Words of places and demonyms ("New
-- Jersey", "Texas", "Republican") and the words of seeds/role_stop_words.csv ("former",
-- "acting") are no evidence.

with words as (
    select distinct
        c.article_id,
        c.speaker_base_key as actor_key,
        unnest(string_split(regexp_replace(lower(c.speaker_role), '[^a-z]+', ' ', 'g'), ' '))
            as role_word
    from {{ ref('int_claims_keyed') }} c
    where c.speaker_base_key is not null and c.speaker_role is not null
),

place_words as (
    select form as word from {{ ref('int_demonym_forms') }}
    union
    select unnest(string_split(base_key, ' '))
    from {{ ref('int_mentions_keyed') }}
    where label in ('GPE', 'LOC', 'NORP')
)

select distinct w.article_id, w.actor_key, coalesce(a.role, w.role_word) as role_word
from words w
left join {{ ref('title_abbreviations') }} a on a.abbreviation = w.role_word
where length(w.role_word) > 2
    and w.role_word not in (select word from place_words)
    and w.role_word not in (select word from {{ ref('role_stop_words') }})

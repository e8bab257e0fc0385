{{ config(**incremental_by_article_config()) }}
-- Claims with the keys of their speaker and reporting outlet, and the article's date.
-- A named speaker is keyed by name; an unnamed one ("analysts", "a source") gets a key of its
-- own per article, since "analysts" in two articles are not the same real-world actor; a
-- source that is no actor (speaker_type OTHER: a document, an unresolved pronoun) gets none.

with extractions as (
    {{ articles_to_rebuild() }}
)

select
    c.*,
    case
        when c.speaker_name is not null then {{ actor_key('c.speaker_name') }}
    end as speaker_base_key,
    case
        when c.speaker_name is null and c.speaker_mention is not null
            and c.speaker_type is distinct from 'OTHER'
            then 'unnamed:' || c.article_id || ':' || {{ actor_key('c.speaker_mention') }}
    end as unnamed_speaker_key,
    {{ actor_key('c.reported_by') }} as reporter_base_key,
    a.published_at,
    a.article_date,
    e.extracted_at
from {{ ref('stg_claims') }} c
join extractions e using (article_id)
join {{ ref('stg_articles') }} a using (article_id)

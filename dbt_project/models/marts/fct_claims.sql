-- One row per claim, with its speaker and reporting outlet resolved to actors.

select
    c.claim_id,
    c.article_id,
    c.published_at,
    c.article_date,
    c.sentence_index,
    coalesce(sm.actor_id, us.actor_id) as speaker_actor_id,
    coalesce(sm.canonical_name, us.canonical_name) as speaker_canonical_name,
    c.speaker_mention,
    c.speaker_role,
    c.speaker_type,
    c.cue,
    c.form,
    c.act,
    c.confidence,
    c.act_confidence,
    c.content,
    c.content_start,
    c.content_end,
    c.content_spans,
    c.speaker_start,
    c.speaker_end,
    c.cue_start,
    c.cue_end,
    c.reported_by,
    rm.actor_id as reported_by_actor_id,
    c.extractor_version
from {{ ref('int_claims_corrected') }} c
left join {{ ref('int_actor_map') }} sm
    on sm.article_id = c.article_id and sm.base_key = c.speaker_base_key
left join {{ ref('int_unnamed_speakers') }} us on us.canonical_key = c.unnamed_speaker_key
left join {{ ref('int_actor_map') }} rm
    on rm.article_id = c.article_id and rm.base_key = c.reporter_base_key

-- raw.claims, one row per claim, with its article's length and the article text at the cue and
-- speaker offsets (offsets are 0-based, end-exclusive, in characters; substr is 1-based).
-- `content` is the text of its `content_spans` joined by a separator, so each span's text must
-- occur in it; the spans must lie inside [content_start, content_end] and start/end it.
SELECT
    c.claim_id,
    c.article_id,
    c.sentence_index,
    c.form,
    c.act,
    c.confidence,
    c.act_confidence,
    c.cue,
    c.cue_start,
    c.cue_end,
    c.content_start,
    c.content_end,
    c.speaker_text,
    c.speaker_start,
    c.speaker_end,
    c.speaker_type,
    c.extractor_version,
    length(trim(c.content)) AS content_length,
    a.article_id IS NOT NULL AS article_exists,
    length(a.text) AS article_length,
    substr(a.text, c.cue_start + 1, c.cue_end - c.cue_start) AS cue_at_offsets,
    substr(a.text, c.speaker_start + 1, c.speaker_end - c.speaker_start) AS speaker_at_offsets,
    (c.cue_start IS NULL) = (c.cue_end IS NULL) AS cue_offsets_paired,
    (c.speaker_start IS NULL) = (c.speaker_end IS NULL)
        AND (c.speaker_start IS NULL) = (c.speaker_text IS NULL) AS speaker_offsets_paired,
    coalesce(
        len(c.content_spans) > 0
        AND c.content_spans[1][1] = c.content_start
        AND c.content_spans[-1][2] = c.content_end
        AND list_bool_and(list_transform(
            c.content_spans,
            lambda s: len(s) = 2 AND s[1] < s[2] AND s[1] >= c.content_start AND s[2] <= c.content_end
        )),
        false
    ) AS content_spans_valid,
    CASE WHEN a.text IS NOT NULL THEN coalesce(list_bool_and(list_transform(
        c.content_spans,
        lambda s: contains(c.content, substr(a.text, s[1] + 1, s[2] - s[1]))
    )), false) END AS content_matches_spans
FROM raw.claims AS c
LEFT JOIN raw.articles AS a ON a.article_id = c.article_id

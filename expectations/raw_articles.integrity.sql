-- raw.articles, one row per article. Text checks are computed here so the frame stays small.
SELECT
    article_id,
    source_path,
    source_format,
    language,
    word_count,
    ingested_at,
    length(title) AS title_length,
    length(trim(body)) AS body_length,
    length(text) AS text_length,
    -- the stored text is title + "\n\n" + body (just the body when there is no title)
    text = CASE WHEN title = '' THEN body ELSE title || chr(10) || chr(10) || body END
        AS text_is_title_and_body
FROM raw.articles

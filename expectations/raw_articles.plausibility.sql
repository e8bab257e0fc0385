-- raw.articles, one row per article, with the values whose range is a matter of judgement.
SELECT
    article_id,
    source_path,
    title,
    language,
    word_count,
    published_at,
    length(title) AS title_length,
    year(published_at) AS published_year,
    published_at > current_timestamp::TIMESTAMP + INTERVAL 1 DAY AS published_in_future
FROM raw.articles

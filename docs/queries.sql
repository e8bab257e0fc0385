-- Eleven worked queries against the newsclaims warehouse (warehouse/newsclaims.duckdb).
-- Run one with:  uv run newsclaims query "<query>"   or paste into `uv run newsclaims sql`.
-- Each query starts with a `-- name:` line; tests/test_queries.py runs every one of them and
-- tests/test_worked_queries.py checks that the output shown under each is what the seed gives
-- (`make run` on seeds/, the one seed article; re-render: uv run python docs/render_queries.py
-- warehouse/newsclaims.duckdb).

-- name: all claims made by an actor
SELECT c.cue, c.form, c.act, left(c.content, 70) AS content
FROM marts.fct_claims c
JOIN marts.dim_actors a ON a.actor_id = c.speaker_actor_id
WHERE a.canonical_name = 'Vyacheslav Gladkov'
ORDER BY c.content_start;
--   cue  | form     | act    | content
--   -----+----------+--------+-----------------------------------------------------------------------
--   said | indirect | accuse | two of Ukraine’s military helicopters flew 25 miles undetected past th
--   said | indirect | assert | the air strike, which would be the first on Russian soil since WW-II,
--   (2 rows)

-- name: claims about an actor, with who made them
SELECT coalesce(c.speaker_canonical_name, '(unattributed)') AS speaker, c.cue,
       left(c.content, 60) AS content
FROM marts.bridge_claim_about b
JOIN marts.fct_claims c USING (claim_id)
JOIN marts.dim_actors t ON t.actor_id = b.actor_id
WHERE t.canonical_name = 'Russia'
ORDER BY c.content_start;
--   speaker        | cue        | content
--   ---------------+------------+-------------------------------------------------------------
--   (unattributed) | fears      | that Russia would stage a false flag attack on itself to jus
--   analysts       | have noted | Russia uses the same type of helicopters as Ukraine
--   (2 rows)

-- name: who accuses whom
SELECT speaker_name, target_name, n_accusations, n_claims
FROM marts.actor_claim_edges
WHERE n_accusations > 0
ORDER BY n_accusations DESC, speaker_name, target_name;
--   speaker_name                 | target_name | n_accusations | n_claims
--   -----------------------------+-------------+---------------+---------
--   Kremlin                      | Ukraine     | 2             | 2
--   Vyacheslav Gladkov           | Ukraine     | 1             | 1
--   an exiled Russian politician | Kremlin     | 1             | 1
--   (3 rows)

-- name: the claims behind each accusation edge, read back from the article
-- (offsets are 0-based; DuckDB's substring counts from 1; filter on accused_confidence)
SELECT c.speaker_canonical_name AS speaker, b.actor_name AS accused, c.cue,
       round(b.accused_confidence, 2) AS confidence, c.sentence_index AS sentence,
       left(substring(a.text, c.content_start + 1, c.content_end - c.content_start), 50) AS content
FROM marts.fct_claims c
JOIN marts.bridge_claim_accused b USING (claim_id)
JOIN raw.articles a USING (article_id)
WHERE c.act = 'accuse'
ORDER BY c.content_start;
--   speaker                      | accused | cue      | confidence | sentence | content
--   -----------------------------+---------+----------+------------+----------+---------------------------------------------------
--   Kremlin                      | Ukraine | accuses  | 0.73       | 0        | Ukraine of attacking oil facility inside Russia
--   Kremlin                      | Ukraine | accusing | 0.32       | 1        | Ukrainian helicopters of attacking an oil facility
--   Vyacheslav Gladkov           | Ukraine | said     | 0.43       | 2        | two of Ukraine’s military helicopters flew 25 mile
--   an exiled Russian politician | Kremlin | claimed  | 0.61       | 9        | that Kremlin is plotting a wave of attacks on its
--   (4 rows)

-- name: unattributed and hedged claims
SELECT cue, form, act, left(content, 80) AS content
FROM marts.fct_claims
WHERE speaker_actor_id IS NULL
ORDER BY content_start;
--   cue              | form     | act    | content
--   -----------------+----------+--------+---------------------------------------------------------------------------------
--   fears            | none     | hedge  | that Russia would stage a false flag attack on itself to justify an escalation o
--   appeared to show | indirect | assert | the attack happening at 5.43 am local time
--   (2 rows)

-- name: claims reported via an outlet
SELECT r.canonical_name AS reported_by, c.speaker_canonical_name AS speaker, c.cue,
       left(c.content, 60) AS content
FROM marts.fct_claims c
JOIN marts.dim_actors r ON r.actor_id = c.reported_by_actor_id
ORDER BY c.content_start;
--   reported_by | speaker            | cue            | content
--   ------------+--------------------+----------------+-------------------------------------------------------------
--   Daily Mail  | Kremlin            | has threatened | to walk out of peace talks
--   Daily Mail  | Kremlin            | accusing       | Ukrainian helicopters of attacking an oil facility inside Ru
--   Daily Mail  | Vyacheslav Gladkov | said           | the air strike, which would be the first on Russian soil sin
--   (3 rows)

-- name: an actor's roles over time
SELECT a.canonical_name, c.article_date, c.speaker_role, count(*) AS n_claims
FROM marts.fct_claims c
JOIN marts.dim_actors a ON a.actor_id = c.speaker_actor_id
WHERE c.speaker_role IS NOT NULL
GROUP BY ALL
ORDER BY a.canonical_name, c.article_date;
--   canonical_name               | article_date | speaker_role              | n_claims
--   -----------------------------+--------------+---------------------------+---------
--   Dmitry Peskov                | NULL         | Kremlin spokesman         | 1
--   Dmytro Kuleba                | NULL         | Foreign Minister          | 1
--   Vyacheslav Gladkov           | NULL         | Regional Governor         | 2
--   an exiled Russian politician | NULL         | exiled Russian politician | 1
--   (4 rows)

-- name: the most quoted actors, with their roles and affiliations
SELECT canonical_name, actor_type, n_claims_made, n_claims_about, roles, affiliations
FROM marts.dim_actors
WHERE n_claims_made > 0
ORDER BY n_claims_made DESC, canonical_name
LIMIT 10;
--   canonical_name               | actor_type   | n_claims_made | n_claims_about | roles                         | affiliations
--   -----------------------------+--------------+---------------+----------------+-------------------------------+-------------
--   Kremlin                      | organisation | 3             | 2              | []                            | []
--   Daily Mail                   | organisation | 2             | 0              | []                            | []
--   Vyacheslav Gladkov           | person       | 2             | 1              | ['Regional Governor']         | []
--   Dmitry Peskov                | person       | 1             | 0              | ['Kremlin spokesman']         | ['Kremlin']
--   Dmytro Kuleba                | person       | 1             | 1              | ['Foreign Minister']          | []
--   Ukraine                      | place        | 1             | 7              | []                            | []
--   an exiled Russian politician | group        | 1             | 0              | ['exiled Russian politician'] | ['Russia']
--   analysts                     | group        | 1             | 0              | []                            | []
--   (8 rows)

-- name: every name an actor went by
SELECT canonical_name, actor_type, aliases, n_mentions
FROM marts.dim_actors
WHERE len(aliases) > 1
ORDER BY n_mentions DESC, canonical_name;
--   canonical_name     | actor_type | aliases                           | n_mentions
--   -------------------+------------+-----------------------------------+-----------
--   Ukraine            | place      | ['Ukraine', 'Ukrainian']          | 9
--   Russia             | place      | ['Russia', 'Russian']             | 7
--   Vladimir Putin     | person     | ['Putin', 'Vladimir Putin']       | 2
--   Vyacheslav Gladkov | person     | ['Gladkov', 'Vyacheslav Gladkov'] | 2
--   (4 rows)

-- name: who denies or will not confirm what
SELECT coalesce(c.speaker_canonical_name, '(unattributed)') AS speaker, c.act,
       (SELECT list_sort(list(b.actor_name)) FROM marts.bridge_claim_about b
        WHERE b.claim_id = c.claim_id) AS about,
       c.cue, left(c.content, 60) AS content
FROM marts.fct_claims c
WHERE c.act IN ('deny', 'noncommittal')
ORDER BY c.article_id, c.content_start;
--   speaker       | act          | about                        | cue  | content
--   --------------+--------------+------------------------------+------+-------------------------------------------------------------
--   Dmytro Kuleba | noncommittal | ['Dmytro Kuleba', 'Ukraine'] | said | “I can neither confirm nor reject the claim that Ukraine was
--   (1 row)

-- name: claims per actor per day (for dashboards)
-- Only dated articles count: the seed is a .txt file with no publication date, so on it this
-- is empty; JSON `published_at` or an HTML `article:published_time` dates an article.
SELECT a.canonical_name, d.day, d.n_claims_made, d.n_claims_about
FROM marts.agg_actor_claims_daily d
JOIN marts.dim_actors a USING (actor_id)
ORDER BY d.day, d.n_claims_made + d.n_claims_about DESC, a.canonical_name
LIMIT 10;
--   canonical_name | day | n_claims_made | n_claims_about
--   ---------------+-----+---------------+---------------
--   (0 rows)

-- Every reviewed correction (seeds actor_corrections and claim_corrections) in one shape, with
-- the normalised keys it is matched by. `subject` is the actor name or the claim_id corrected.
-- Two rows with the same (action, subject, article) keep the greatest value, so the outcome
-- never depends on row order (`newsclaims correct` refuses such a second row).

select
    'actor' as kind,
    action,
    trim(name) as subject,
    {{ actor_key('name') }} as subject_key,
    trim(value) as value,
    case when action = 'type' then lower(trim(value)) else {{ actor_key('value') }} end as value_key,
    nullif(trim(article_id), '') as article_id,
    note
from {{ ref('actor_corrections') }}

union all

select
    'claim',
    action,
    trim(claim_id),
    trim(claim_id),
    trim(value),
    case when action = 'act' then lower(trim(value)) else {{ actor_key('value') }} end,
    null,
    note
from {{ ref('claim_corrections') }}

-- Every form a demonym takes in a name key: the seed's demonym and its plurals ("russian",
-- "russians"; "swede", "swedes"), read the way the extractor reads them
-- (pipeline/extract/names.py, demonym_country): the exact form first, then "-s", then "-es".
with demonyms as (
    select lower(trim(demonym)) as demonym, place from {{ ref('demonyms') }}
),

forms as (
    select demonym as form, place, 0 as priority from demonyms
    union all
    select demonym || 's', place, 1 from demonyms
    union all
    select demonym || 'es', place, 2 from demonyms
)

select form, arg_min(place, priority) as place
from forms
group by form

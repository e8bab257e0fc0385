{#
  The `split` corrections (seeds/actor_corrections.csv): in article `article_id`, references
  whose key is `subject_key` belong to the actor named `value`. One row per (article, key).
#}
{% macro correction_splits() -%}
    select article_id, subject_key, max(value) as name, max(value_key) as key
    from {{ ref('int_corrections') }}
    where kind = 'actor' and action = 'split' and article_id is not null
    group by article_id, subject_key
{%- endmacro %}

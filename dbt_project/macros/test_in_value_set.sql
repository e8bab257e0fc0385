{#
  Generic test: every non-null value of the column is a value of `value_set` in the seed
  `value_sets` (dbt_project/seeds/value_sets.csv, the one home of every value set that Python
  and the expectation suites read too). A set name missing from the seed fails the test too.

      data_tests:
        - in_value_set:
            arguments:
              value_set: quarantine_reason
#}
{% test in_value_set(model, column_name, value_set) %}
select {{ column_name }} as value, 'not in value set {{ value_set }}' as problem
from {{ model }}
where {{ column_name }} is not null
  and {{ column_name }} not in (
    select value from {{ ref('value_sets') }} where value_set = '{{ value_set }}'
  )
union all
select null, 'no value set named {{ value_set }} in value_sets.csv'
where not exists (select 1 from {{ ref('value_sets') }} where value_set = '{{ value_set }}')
{% endtest %}

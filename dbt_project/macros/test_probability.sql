{#
  Generic test: every non-null value of the column is a probability, between 0 and 1 (the
  calibrated confidences of the decision and analysis models; null where the rules decided).

      - name: act_confidence
        data_tests: [probability]
#}
{% test probability(model, column_name) %}
select {{ column_name }} as value
from {{ model }}
where {{ column_name }} is not null
  and not ({{ column_name }} between 0 and 1)
{% endtest %}

{#
  Claim -> actor rows of the claim targets, one per (claim, actor): all targets, or only those
  of one role (`accused`). Shared by bridge_claim_about and bridge_claim_accused.
#}
{% macro claim_actor_bridge(role=none) %}
select
    t.claim_id,
    m.actor_id,
    any_value(m.canonical_name) as actor_name,
    count(*) as n_mentions{% if role == 'accused' %},
    -- the analysis model's calibrated probability that the actor is accused (null: rules)
    max(t.target_confidence) as accused_confidence{% endif %}
from {{ ref('int_claim_targets_keyed') }} t
join {{ ref('int_actor_map') }} m using (article_id, base_key)
{% if role %}where t.target_role = '{{ role }}'{% endif %}
group by t.claim_id, m.actor_id
{% endmacro %}

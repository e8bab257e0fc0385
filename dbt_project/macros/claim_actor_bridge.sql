{#
  Claim -> actor rows of the claim targets, one per (claim, actor): all targets, or only those
  of one role (`accused`). Shared by bridge_claim_about and bridge_claim_accused. An
  `accused_remove` correction (seeds/claim_corrections.csv) drops the actor it names from the
  accused, by the name as written or by the actor's canonical name.
#}
{% macro claim_actor_bridge(role=none) %}
select
    t.claim_id,
    m.actor_id,
    any_value(m.canonical_name) as actor_name,
    count(*) as n_mentions{% if role == 'accused' %},
    -- the analysis model's calibrated probability that the actor is accused (null: rules, or
    -- an actor an `accused_add` correction added)
    max(t.target_confidence) as accused_confidence{% endif %}
from {{ ref('int_claim_targets_corrected') }} t
join {{ ref('int_actor_map') }} m using (article_id, base_key)
{% if role %}
where t.target_role = '{{ role }}'
{% endif %}
{% if role == 'accused' %}
    and not exists (
        select 1 from {{ ref('int_corrections') }} x
        where x.kind = 'claim' and x.action = 'accused_remove' and x.subject = t.claim_id
            and x.value_key in (t.base_key, m.canonical_key)
    )
{% endif %}
group by t.claim_id, m.actor_id
{% endmacro %}

{#
  Shared by the incremental intermediate models: they rebuild only the articles extracted since
  the last build (delete+insert by article_id) and drop rows of articles that no longer exist.
#}
{% macro incremental_by_article_config() %}
    {{ return({
        "materialized": "incremental",
        "unique_key": "article_id",
        "incremental_strategy": "delete+insert",
        "on_schema_change": "sync_all_columns",
        "post_hook": "delete from {{ this }} where article_id not in (select article_id from {{ ref('stg_article_extractions') }})",
    }) }}
{% endmacro %}

{% macro articles_to_rebuild() %}
    select article_id, extracted_at from {{ ref('stg_article_extractions') }}
    {% if is_incremental() %}
    where extracted_at > (select coalesce(max(extracted_at), '1900-01-01'::timestamp) from {{ this }})
    {% endif %}
{% endmacro %}

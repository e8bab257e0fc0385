{#
  The canonical key of a name: lower case, possessive and punctuation stripped, a leading
  "the" dropped, whitespace collapsed. "The Kremlin's" -> "kremlin", "Putin’s" -> "putin".
#}
{% macro actor_key(expr) -%}
    nullif(trim(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
        lower(trim({{ expr }})),
        '[’'']s$', ''),
        '^the\s+', ''),
        '[^\w\s\-&]', '', 'g'),
        '\s+', ' ', 'g')), '')
{%- endmacro %}

-- A proposal's labels as one JSON text, for the audit log's "before".
select to_json({
    'themes': coalesce(list(theme_id order by theme_id), []),
    'source': coalesce(string_agg(distinct source, ','), 'none')
})::varchar as state
from proposal_themes
where proposal_id = $proposal_id

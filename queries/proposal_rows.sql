-- The Proposals table's rows for the proposals in $proposal_ids (a page of them, from
-- proposal_search_matches.sql or proposal_search_word_matches.sql), whose events are dated from
-- $oldest to $newest, or undated when $undated: text, event, region, date, themes with their evidence
-- and label source, current follow-up status and its date; newest event first, then the proposals'
-- order in the report. Read from
-- derived_search_rows (schema/013), kept in that order: the dates let DuckDB skip every block
-- outside them, so the rows are found without reading the whole table; their status likewise from
-- derived_proposals (kept current by queries/outcomes/refresh_status.sql).
with shown as (
    select *
    from derived_search_rows
    where (event_date between $oldest and $newest or $undated and event_date is null)
      and list_contains($proposal_ids, proposal_id)
),

follow_up as (
    select proposal_id, status, status_date
    from derived_proposals
    where (event_date between $oldest and $newest or $undated and event_date is null)
      and list_contains($proposal_ids, proposal_id)
),

labels as (
    select
        s.proposal_id,
        string_agg(t.label_en || if(s.l.source = 'manual', ' (manual)', ''), ', ' order by t.label_en) as themes,
        string_agg(t.label_en || ': ' || coalesce(s.l.evidence, ''), chr(59) || ' ' order by t.label_en) as evidence,
        string_agg(distinct s.l.source, ', ' order by s.l.source) as label_source
    from (select proposal_id, unnest(labels) as l from shown) as s
    join themes as t on t.theme_id = s.l.theme_id
    group by s.proposal_id
)

select
    p.proposal_id,
    p.event_id,
    p.text as proposal,
    p.title as event_title,
    r.name as region,
    p.event_date as date,
    l.themes,
    l.evidence,
    l.label_source,
    f.status,
    f.status_date
from shown as p
left join regions as r on r.region_id = p.region_id
left join labels as l on l.proposal_id = p.proposal_id
left join follow_up as f on f.proposal_id = p.proposal_id
order by p.event_date desc nulls last, p.event_id, p.position

-- The Proposals table's rows for the proposals in $proposal_ids of the events in $event_ids (a page
-- of them, from proposal_search_matches.sql): text, event, region, date, themes with their evidence
-- and label source; newest event first, then the proposals' order in the report. Looked up by id,
-- so no table is read whole.
with labels as (
    select
        pt.proposal_id,
        string_agg(t.label_en || if(pt.source = 'manual', ' (manual)', ''), ', ' order by t.label_en) as themes,
        string_agg(t.label_en || ': ' || coalesce(pt.evidence, ''), chr(59) || ' ' order by t.label_en) as evidence,
        string_agg(distinct pt.source, ', ' order by pt.source) as label_source
    from (select * from proposal_themes where list_contains($proposal_ids, proposal_id)) as pt
    join themes as t on t.theme_id = pt.theme_id
    group by pt.proposal_id
)

select
    p.proposal_id,
    p.event_id,
    p.text as proposal,
    e.title as event_title,
    r.name as region,
    e.event_date as date,
    l.themes,
    l.evidence,
    l.label_source
from proposals as p
join (select * from events where list_contains($event_ids, event_id)) as e on e.event_id = p.event_id
left join regions as r on r.region_id = e.region_id
left join labels as l on l.proposal_id = p.proposal_id
where list_contains($proposal_ids, p.proposal_id)
order by e.event_date desc nulls last, p.event_id, p.position

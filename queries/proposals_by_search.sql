-- Proposals of the filtered view whose text contains $search (any case), with their themes and evidence,
-- newest first, at most $limit rows; `matching` is the count before the limit (Proposals table).
with matching_proposals as (
    select p.proposal_id, p.event_id, p.position, p.text
    from filtered_proposals($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as p
    where contains(lower(p.text), lower($search))
),

labels as (
    select
        pt.proposal_id,
        string_agg(t.label_en || if(pt.source = 'manual', ' (manual)', ''), ', ' order by t.label_en) as themes,
        string_agg(t.label_en || ': ' || coalesce(pt.evidence, ''), chr(59) || ' ' order by t.label_en) as evidence,
        string_agg(distinct pt.source, ', ' order by pt.source) as label_source
    from proposal_themes as pt
    join themes as t on t.theme_id = pt.theme_id
    where pt.proposal_id in (select proposal_id from matching_proposals)
    group by pt.proposal_id
)

select
    m.proposal_id,
    m.event_id,
    m.text as proposal,
    e.title as event_title,
    r.name as region,
    e.event_date as date,
    l.themes,
    l.evidence,
    l.label_source,
    count(*) over () as matching
from matching_proposals as m
join events as e on e.event_id = m.event_id
left join regions as r on r.region_id = e.region_id
left join labels as l on l.proposal_id = m.proposal_id
order by e.event_date desc nulls last, e.event_id, m.position
limit $limit

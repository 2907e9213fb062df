-- The most recent proposals in the filtered view, with their event, region and theme labels.
-- The newest are chosen on the derived proposal rows (filter columns and event date, no join), then
-- texts and labels are gathered for those only. Within an event, proposal ids follow positions.
with newest as (
    select f.proposal_id
    from derived_proposals_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as f
    order by f.event_date desc nulls last, f.event_id desc, f.proposal_id
    limit $limit
),

recent as (
    select p.proposal_id, p.event_id, p.position, e.event_date, e.title, e.region_id, e.is_demo
    from newest as n
    join proposals as p on p.proposal_id = n.proposal_id
    join events as e on e.event_id = p.event_id
)

select
    r.event_date,
    coalesce(g.name, 'Unknown region') as region,
    r.title as event_title,
    p.text,
    coalesce(string_agg(t.label_en, ', ' order by t.label_en), '') as themes,
    list(t.theme_id order by t.label_en) filter (where t.theme_id is not null) as theme_ids,
    r.is_demo
from recent as r
join proposals as p on p.proposal_id = r.proposal_id
left join regions as g on g.region_id = r.region_id
left join proposal_themes as pt on pt.proposal_id = r.proposal_id
left join themes as t on t.theme_id = pt.theme_id
group by r.proposal_id, r.event_id, r.position, p.text, r.event_date, g.name, r.title, r.is_demo
order by r.event_date desc nulls last, r.event_id desc, r.position

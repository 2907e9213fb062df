-- The most recent proposals in the filtered view, with their event, region and theme labels.
-- The limit is taken before the labels are gathered, so a large store costs one top-N pass.
with recent as (
    select p.proposal_id, p.event_id, p.position, p.text, e.event_date, e.title, e.region_id, e.is_demo
    from filtered_proposals($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as p
    join events as e on e.event_id = p.event_id
    order by e.event_date desc nulls last, p.event_id desc, p.position
    limit $limit
)

select
    p.event_date,
    coalesce(r.name, 'Unknown region') as region,
    p.title as event_title,
    p.text,
    coalesce(string_agg(t.label_en, ', ' order by t.label_en), '') as themes,
    p.is_demo
from recent as p
left join regions as r on r.region_id = p.region_id
left join proposal_themes as pt on pt.proposal_id = p.proposal_id
left join themes as t on t.theme_id = pt.theme_id
group by p.proposal_id, p.event_id, p.position, p.text, p.event_date, r.name, p.title, p.is_demo
order by p.event_date desc nulls last, p.event_id desc, p.position

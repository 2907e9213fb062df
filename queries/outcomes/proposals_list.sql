-- Proposals in view with their event, themes and current follow-up status, oldest event
-- first (the `proposals` command: tables prepared for `outcomes import`).
with shown as (
    select *
    from status_proposals_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo, $statuses)
),

labels as (
    select pt.proposal_id, list(pt.theme_id order by pt.theme_id) as themes
    from proposal_themes as pt
    semi join shown as s on s.proposal_id = pt.proposal_id
    group by pt.proposal_id
)

select
    s.proposal_id as id,
    p.text,
    s.event_id,
    e.title as event_title,
    s.event_date as date,
    r.name as region,
    coalesce(l.themes, []) as themes,
    s.status,
    s.status_date
from shown as s
join proposals as p on p.proposal_id = s.proposal_id
join events as e on e.event_id = s.event_id
left join regions as r on r.region_id = s.region_id
left join labels as l on l.proposal_id = s.proposal_id
order by s.event_date nulls last, s.event_id, p.position

-- The proposals behind one clicked number (drill-down under every proposal chart): the
-- filtered view narrowed to the clicked region ($sel_region; $sel_not_region for "all
-- other regions"; 'Region not stated' for events without one), period ($sel_from,
-- $sel_to) and themes ($sel_themes). With clicked themes there is one row per proposal and
-- clicked theme it carries (the charts count a proposal once per theme), else one per
-- proposal. On the Outcomes page also the clicked current follow-up statuses ($sel_statuses),
-- proposals ever answered or implemented ($sel_ever), and the page's status filter when the
-- chart honours it ($sel_by_status). At most $limit rows, newest first; `matching` is the
-- count before the limit.
with in_view as (
    select
        p.proposal_id,
        p.event_id,
        p.event_date,
        p.theme_mask,
        p.status,
        coalesce(r.name, 'Region not stated') as region
    from status_proposals_in_view(
        $regions, $themes, $date_from, $date_to, $event_types, $include_demo, if($sel_by_status, $statuses, []::varchar[])
    ) as p
    left join regions as r on r.region_id = p.region_id
    where (len($sel_statuses) = 0 or list_contains($sel_statuses, p.status))
      and (
          $sel_ever is null
          or ($sel_ever = 'answered' and p.first_response_date is not null)
          or ($sel_ever = 'implemented' and p.implemented_date is not null)
      )
),

clicked as (
    select
        v.*,
        t.theme_id as clicked_theme
    from in_view as v
    left join themes as t
        on len($sel_themes) > 0
        and list_contains($sel_themes, t.theme_id)
        and (len($themes) = 0 or list_contains($themes, t.theme_id))
        and v.theme_mask & (1::bigint << t.bit) <> 0
    where ($sel_region is null or v.region = $sel_region)
      and ($sel_not_region is null or v.region <> $sel_not_region)
      and ($sel_from is null or v.event_date >= $sel_from)
      and ($sel_to is null or v.event_date <= $sel_to)
      and (len($sel_themes) = 0 or t.theme_id is not null)
),

shown as (
    select *
    from clicked
    order by event_date desc nulls last, event_id, proposal_id, clicked_theme
    limit $limit
),

labels as (
    select
        pt.proposal_id,
        string_agg(t.label_en || if(pt.source = 'manual', ' (manual)', ''), ', ' order by t.label_en) as themes
    from proposal_themes as pt
    join themes as t on t.theme_id = pt.theme_id
    where pt.proposal_id in (select proposal_id from shown)
    group by pt.proposal_id
)

-- status: the proposal's current follow-up status.
select
    s.proposal_id,
    s.event_id,
    p.text as proposal,
    ct.label_en as clicked_theme,
    l.themes,
    s.status,
    e.title as event_title,
    e.event_date as date,
    s.region,
    e.is_demo as demo,
    (select count(*) from clicked) as matching
from shown as s
join proposals as p on p.proposal_id = s.proposal_id
join events as e on e.event_id = s.event_id
left join themes as ct on ct.theme_id = s.clicked_theme
left join labels as l on l.proposal_id = s.proposal_id
order by e.event_date desc nulls last, s.event_id, p.position, ct.label_en

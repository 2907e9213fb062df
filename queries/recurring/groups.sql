-- Recurring groups with their proposals in view (filters and statuses): how often, where,
-- since when, on which themes and with what follow-up; groups raised at $min_events events
-- or more, largest first. The label is the group's most frequent wording, in view or not.
with members as (
    select g.group_id, s.proposal_id, s.event_id, s.region_id, s.event_date, s.status, s.theme_mask
    from derived_recurring as g
    join status_proposals_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo, $statuses) as s
        on s.proposal_id = g.proposal_id
),

kept as (
    select group_id
    from members
    group by group_id
    having count(distinct event_id) >= $min_events
),

member_themes as (
    select g.group_id, list(t.theme_id order by t.theme_id) as themes
    from (
        select group_id, bit_or(theme_mask) as theme_mask
        from members
        where group_id in (select group_id from kept)
        group by group_id
    ) as g
    join themes as t on g.theme_mask & (1::bigint << t.bit) <> 0
    group by g.group_id
),

member_statuses as (
    select group_id, list({'status': status, 'proposals': proposals} order by status) as statuses
    from (
        select group_id, status, count(*) as proposals
        from members
        where group_id in (select group_id from kept)
        group by group_id, status
    )
    group by group_id
)

select
    m.group_id,
    any_value(p.text) as label,
    count(*) as size,
    count(distinct m.event_id) as events,
    list(distinct r.name order by r.name) filter (where r.name is not null) as regions,
    min(m.event_date) as first_date,
    max(m.event_date) as last_date,
    coalesce(any_value(t.themes), []) as themes,
    any_value(st.statuses) as statuses,
    list(m.proposal_id order by m.event_date, m.proposal_id) as proposal_ids
from members as m
join derived_recurring as l on l.group_id = m.group_id and l.is_label
join proposals as p on p.proposal_id = l.proposal_id
left join regions as r on r.region_id = m.region_id
left join member_themes as t on t.group_id = m.group_id
left join member_statuses as st on st.group_id = m.group_id
where m.group_id in (select group_id from kept)
group by m.group_id
order by size desc, events desc, m.group_id

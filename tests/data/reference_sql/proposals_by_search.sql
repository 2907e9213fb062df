-- Reference for tests/test_search.py: the Proposals search as it was before the word index, a substring
-- scan of every text in view.
-- Proposals of the filtered view whose text contains $search (any case), with their themes and evidence,
-- with their current follow-up status, newest first, at most $limit rows; `matching` is the count before the limit (Proposals table).
-- Matches are chosen on the derived proposal rows (filter columns and event date) and texts and
-- labels gathered for the shown ones only. Within an event, proposal ids follow positions.
with candidates as (
    select f.proposal_id, f.event_id, f.event_date
    from derived_proposals_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as f
    where len($statuses) = 0
    union all
    -- With a follow-up status filter, only proposals whose current status is one of them.
    select f.proposal_id, f.event_id, f.event_date
    from status_proposals_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo, $statuses) as f
    where len($statuses) > 0
),

matching_proposals as (
    select c.proposal_id, c.event_id, c.event_date
    from candidates as c
    where $search = ''
    union all
    select c.proposal_id, c.event_id, c.event_date
    from proposals as p
    join candidates as c on c.proposal_id = p.proposal_id
    where $search <> '' and contains(lower(p.text), lower($search))
),

shown as (
    select proposal_id
    from matching_proposals
    order by event_date desc nulls last, event_id, proposal_id
    limit $limit
),

labels as (
    select
        pt.proposal_id,
        string_agg(t.label_en || if(pt.source = 'manual', ' (manual)', ''), ', ' order by t.label_en) as themes,
        string_agg(t.label_en || ': ' || coalesce(pt.evidence, ''), chr(59) || ' ' order by t.label_en) as evidence,
        string_agg(distinct pt.source, ', ' order by pt.source) as label_source
    from proposal_themes as pt
    join themes as t on t.theme_id = pt.theme_id
    where pt.proposal_id in (select proposal_id from shown)
    group by pt.proposal_id
)

select
    s.proposal_id,
    p.event_id,
    p.text as proposal,
    e.title as event_title,
    r.name as region,
    e.event_date as date,
    l.themes,
    l.evidence,
    l.label_source,
    st.status,
    st.status_date,
    (select count(*) from matching_proposals) as matching
from shown as s
join proposals as p on p.proposal_id = s.proposal_id
join events as e on e.event_id = p.event_id
left join regions as r on r.region_id = e.region_id
left join labels as l on l.proposal_id = s.proposal_id
left join proposal_status as st on st.proposal_id = s.proposal_id
order by e.event_date desc nulls last, p.event_id, p.position

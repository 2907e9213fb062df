-- Test reference: queries/review_queue_by_proposal.sql over the base tables (before schema/009):
-- the least certain rule label per proposal taken from proposal_themes for every proposal in view.
with candidates as (
    select f.proposal_id, f.event_id, e.event_date
    from ref_filtered_proposals($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as f
    join events as e on e.event_id = f.event_id
),

reviewed as (
    select proposal_id, reviewed_at
    from proposals
    where reviewed_at is not null
),

certainty as (
    select proposal_id, min(confidence) as confidence
    from proposal_themes
    where source = 'rule' and proposal_id in (select proposal_id from candidates)
    group by proposal_id
),

queue as (
    select c.proposal_id, c.event_id, c.event_date, r.reviewed_at, k.confidence
    from candidates as c
    left join reviewed as r on r.proposal_id = c.proposal_id
    left join certainty as k on k.proposal_id = c.proposal_id
    order by
        r.reviewed_at is not null, r.reviewed_at, k.confidence nulls last,
        c.event_date desc nulls last, c.event_id, c.proposal_id
    limit $limit
),

labels as (
    select
        pt.proposal_id,
        list(pt.theme_id order by pt.theme_id) as theme_ids,
        string_agg(t.label_en || ': ' || coalesce(pt.evidence, ''), chr(59) || ' ' order by t.label_en) as evidence,
        string_agg(distinct pt.source, ', ' order by pt.source) as label_source
    from proposal_themes as pt
    join themes as t on t.theme_id = pt.theme_id
    where pt.proposal_id in (select proposal_id from queue)
    group by pt.proposal_id
)

select
    q.proposal_id,
    p.text as proposal,
    e.title as event_title,
    q.event_date as date,
    coalesce(l.theme_ids, []::varchar[]) as theme_ids,
    l.evidence,
    l.label_source,
    round(q.confidence, 2) as confidence,
    q.reviewed_at
from queue as q
join proposals as p on p.proposal_id = q.proposal_id
join events as e on e.event_id = q.event_id
left join labels as l on l.proposal_id = q.proposal_id
order by
    q.reviewed_at is not null, q.reviewed_at, q.confidence nulls last,
    q.event_date desc nulls last, q.event_id, p.position

-- Proposals of the filtered view for review: unreviewed first, the classifier's least certain
-- first among them (a proposal's confidence is that of its least certain label), then newest
-- events; at most $limit. The queue is a top-N over the derived proposal rows, which carry
-- each proposal's confidence and review time (schema/009); texts and labels are gathered for
-- the shown rows only. Within an event, proposal ids follow positions.
with queue as (
    select f.proposal_id, f.event_id, f.event_date, f.reviewed_at, f.confidence
    from derived_proposals_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as f
    order by
        f.reviewed_at is not null, f.reviewed_at, f.confidence nulls last,
        f.event_date desc nulls last, f.event_id, f.proposal_id
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

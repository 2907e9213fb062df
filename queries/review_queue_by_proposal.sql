-- Proposals of the filtered view for review: unreviewed first, then newest events; at most $limit.
-- The limit is taken before the labels are gathered, so a large store costs one top-N pass.
with queue as (
    select
        p.proposal_id,
        p.event_id,
        p.position,
        p.text,
        p.reviewed_at,
        e.title as event_title,
        e.event_date
    from filtered_proposals($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as p
    join events as e on e.event_id = p.event_id
    order by p.reviewed_at is not null, p.reviewed_at, e.event_date desc nulls last, e.event_id, p.position
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
    q.text as proposal,
    q.event_title,
    q.event_date as date,
    coalesce(l.theme_ids, []::varchar[]) as theme_ids,
    l.evidence,
    l.label_source,
    q.reviewed_at
from queue as q
left join labels as l on l.proposal_id = q.proposal_id
order by q.reviewed_at is not null, q.reviewed_at, q.event_date desc nulls last, q.event_id, q.position

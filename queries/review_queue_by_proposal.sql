-- Proposals of the filtered view for review: unreviewed first, then newest events; at most $limit.
with queue as (
    select p.proposal_id, p.event_id, p.position, p.text, p.reviewed_at
    from filtered_proposals($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as p
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
    e.title as event_title,
    e.event_date as date,
    coalesce(l.theme_ids, []::varchar[]) as theme_ids,
    l.evidence,
    l.label_source,
    q.reviewed_at
from queue as q
join events as e on e.event_id = q.event_id
left join labels as l on l.proposal_id = q.proposal_id
order by q.reviewed_at is not null, q.reviewed_at, e.event_date desc nulls last, e.event_id, q.position
limit $limit

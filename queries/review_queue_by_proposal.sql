-- Proposals of the filtered view for review: unreviewed first, the classifier's least certain
-- first among them (a proposal's confidence is that of its least certain label), then newest
-- events; at most $limit. The queue is a top-N over the derived proposal rows, which carry
-- each proposal's confidence and review time (schema/009); texts and labels are read for the
-- shown rows only. Within an event, proposal ids follow positions.

-- The queue's order puts unreviewed proposals with a confidence first, least certain first, and
-- the rest (unreviewed without one, then reviewed ones) after them; so the queue is the top-N of
-- two top-Ns: that first group's, whose review and confidence conditions are applied in the
-- scan and whose sort keys are plain columns, and the rest's, usually few rows. One pass over the
-- proposals in view: at 1M events the first version took a threshold (the $limit-th least
-- certain) in one pass and sorted those under it in a second, ≈ 140 ms under one theme, now ≈ 90.
with unreviewed as (
    select f.proposal_id, f.event_id, f.event_date, f.reviewed_at, f.confidence
    from derived_proposals_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as f
    where f.reviewed_at is null and f.confidence is not null
    order by f.confidence, f.event_date desc nulls last, f.event_id, f.proposal_id
    limit $limit
),

the_rest as (
    select f.proposal_id, f.event_id, f.event_date, f.reviewed_at, f.confidence
    from derived_proposals_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as f
    where f.reviewed_at is not null or f.confidence is null
    order by
        f.reviewed_at is not null, f.reviewed_at, f.confidence nulls last,
        f.event_date desc nulls last, f.event_id, f.proposal_id
    limit $limit
),

queue as (
    select * from (select * from unreviewed union all select * from the_rest) as q
    order by
        q.reviewed_at is not null, q.reviewed_at, q.confidence nulls last,
        q.event_date desc nulls last, q.event_id, q.proposal_id
    limit $limit
),

-- Texts, titles and labels from derived_search_rows (schema/013), kept newest first: joined on
-- the date too, DuckDB reads only the blocks of the queue's dates (undated rows on their id alone).
shown as materialized (
    select s.proposal_id, s.position, s.text, s.title, s.labels
    from derived_search_rows as s
    join queue as q on q.proposal_id = s.proposal_id and q.event_date = s.event_date
    union all
    select s.proposal_id, s.position, s.text, s.title, s.labels
    from derived_search_rows as s
    join queue as q on q.proposal_id = s.proposal_id
    where q.event_date is null and s.event_date is null
),

labels as (
    select
        s.proposal_id,
        list(s.l.theme_id order by s.l.theme_id) as theme_ids,
        string_agg(t.label_en || ': ' || coalesce(s.l.evidence, ''), chr(59) || ' ' order by t.label_en) as evidence,
        string_agg(distinct s.l.source, ', ' order by s.l.source) as label_source
    from (select proposal_id, unnest(labels) as l from shown) as s
    join themes as t on t.theme_id = s.l.theme_id
    group by s.proposal_id
)

select
    q.proposal_id,
    s.text as proposal,
    s.title as event_title,
    q.event_date as date,
    coalesce(l.theme_ids, []::varchar[]) as theme_ids,
    l.evidence,
    l.label_source,
    round(q.confidence, 2) as confidence,
    q.reviewed_at
from queue as q
join shown as s on s.proposal_id = q.proposal_id
left join labels as l on l.proposal_id = q.proposal_id
order by
    q.reviewed_at is not null, q.reviewed_at, q.confidence nulls last,
    q.event_date desc nulls last, q.event_id, s.position

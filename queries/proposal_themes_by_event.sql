-- The proposals of one event with their themes, evidence and whether a reviewer set them.
with event_proposals as (
    select proposal_id, position, text, status
    from proposals
    where event_id = $event_id
),

labels as (
    select
        pt.proposal_id,
        string_agg(t.label_en || if(pt.source = 'manual', ' (manual)', ''), ', ' order by t.label_en) as themes,
        string_agg(t.label_en || ': ' || coalesce(pt.evidence, ''), chr(59) || ' ' order by t.label_en) as evidence
    from proposal_themes as pt
    join themes as t on t.theme_id = pt.theme_id
    where pt.proposal_id in (select proposal_id from event_proposals)
    group by pt.proposal_id
)

select
    p.position,
    p.text as proposal,
    l.themes,
    l.evidence,
    p.status
from event_proposals as p
left join labels as l on l.proposal_id = p.proposal_id
order by p.position

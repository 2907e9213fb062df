-- The proposals of one event with their themes, evidence and whether a reviewer set them.
with labels as (
    select
        pt.proposal_id,
        string_agg(t.label_en || if(pt.source = 'manual', ' (manual)', ''), ', ' order by t.label_en) as themes,
        string_agg(t.label_en || ': ' || coalesce(pt.evidence, ''), chr(59) || ' ' order by t.label_en) as evidence
    from proposal_themes as pt
    join themes as t on t.theme_id = pt.theme_id
    group by pt.proposal_id
)

select
    p.position,
    p.text as proposal,
    l.themes,
    l.evidence,
    p.status
from proposals as p
left join labels as l on l.proposal_id = p.proposal_id
where p.event_id = $event_id
order by p.position

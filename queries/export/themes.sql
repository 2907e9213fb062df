-- Export: theme labels of the filtered proposals.
select
    pt.proposal_id,
    pt.theme_id,
    t.label_en as theme,
    pt.source,
    pt.score,
    pt.evidence
from filtered_proposals($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as p
join proposal_themes as pt on pt.proposal_id = p.proposal_id
join themes as t on t.theme_id = pt.theme_id
order by p.event_id, p.position, pt.theme_id

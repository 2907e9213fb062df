-- One event's proposals in report order, with their theme labels and current follow-up status (event fact sheet).
select
    p.position,
    p.text,
    coalesce(string_agg(t.label_en, ', ' order by t.label_en), '') as themes,
    any_value(s.status) as status,
    list(t.theme_id order by t.label_en) filter (where t.theme_id is not null) as theme_ids
from proposals as p
join proposal_status as s on s.proposal_id = p.proposal_id
left join proposal_themes as pt on pt.proposal_id = p.proposal_id
left join themes as t on t.theme_id = pt.theme_id
where p.event_id = $event_id
group by p.proposal_id, p.position, p.text
order by p.position

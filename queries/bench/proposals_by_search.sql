-- Bench only: proposals in the filtered view whose text contains $search (case-insensitive substring).
select
    p.proposal_id,
    p.event_id,
    p.text
from filtered_proposals($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as p
where contains(lower(p.text), lower($search))
order by p.proposal_id
limit $limit

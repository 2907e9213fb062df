-- Every proposal a reviewer labelled by hand, with its chosen themes: what `train` learns from.
select p.proposal_id, p.text, list(pt.theme_id order by pt.theme_id) as theme_ids
from proposals as p
join proposal_themes as pt on pt.proposal_id = p.proposal_id
where pt.source = 'manual'
group by p.proposal_id, p.text
order by p.proposal_id

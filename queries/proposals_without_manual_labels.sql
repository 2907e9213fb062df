-- Proposals no reviewer has labelled: the ones `train --relabel` may label afresh.
select p.proposal_id, p.text
from proposals as p
where not exists (
    select 1 from proposal_themes as pt
    where pt.proposal_id = p.proposal_id and pt.source = 'manual'
)
order by p.proposal_id

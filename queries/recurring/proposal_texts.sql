-- Every distinct proposal text with the proposals that have it, for computing the recurring groups.
select text, list(proposal_id order by proposal_id) as proposal_ids
from proposals
group by text
order by min(proposal_id)

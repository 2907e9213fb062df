-- Every distinct proposal text, how many proposals have it and the first of them (recurring groups).
select text, count(*) as proposals, min(proposal_id) as first_id
from proposals
group by text
order by first_id

-- Status histories of demo proposals, drawn in Python (registered as demo_outcomes_in).
insert into proposal_outcomes (proposal_id, status, status_date, responsible_body, response, source, recorded_by)
select proposal_id, status, status_date::date, responsible_body, response, source, 'demo'
from demo_outcomes_in
order by proposal_id, status_date

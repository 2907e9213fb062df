-- Every proposal's text, for computing the recurring groups.
select proposal_id, text from proposals order by proposal_id

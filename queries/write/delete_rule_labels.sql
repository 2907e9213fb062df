-- The classifier's labels of these proposals (never a reviewer's), before they are labelled afresh.
delete from proposal_themes
where source = 'rule' and proposal_id in (select unnest($proposal_ids::bigint[]))

-- The latest changes, newest first (Data page).
select changed_at, changed_by, action, subject, before_state, after_state
from audit_log
order by audit_id desc
limit $limit

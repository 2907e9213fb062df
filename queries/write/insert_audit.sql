insert into audit_log (changed_by, action, subject, before_state, after_state)
values ($changed_by, $action, $subject, $before_state, $after_state)

-- Audit rows by one person in one statement; lists are aligned row by row.
insert into audit_log (changed_by, action, subject, before_state, after_state)
select
    $changed_by,
    unnest($actions::varchar[]),
    unnest($subjects::varchar[]),
    unnest($before_states::varchar[]),
    unnest($after_states::varchar[])

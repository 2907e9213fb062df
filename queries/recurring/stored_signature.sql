-- The signature of the texts the recurring groups were computed from (none before the first run).
select signature from derived_recurring_state

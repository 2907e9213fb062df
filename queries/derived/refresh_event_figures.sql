-- Each event's follow-up and recurring-group figures (the columns schema/012 and 014 add
-- to derived_events) anew, for the events in $event_ids (all when null): after a follow-up is
-- recorded (dashboard/outcomes.py) and after the groups are recomputed (dashboard/recurring.py).
update derived_events
set
    answered = f.answered,
    implemented = f.implemented,
    response_days = f.response_days,
    implementation_days = f.implementation_days,
    statuses = f.statuses,
    status_sizes = f.status_sizes,
    recurring_group_ids = f.recurring_group_ids,
    recurring_group_sizes = f.recurring_group_sizes,
    recurring_status_group_ids = f.recurring_status_group_ids,
    recurring_statuses = f.recurring_statuses,
    recurring_status_sizes = f.recurring_status_sizes,
    answered_theme_mask = f.answered_theme_mask,
    implemented_theme_mask = f.implemented_theme_mask,
    response_theme_masks = f.response_theme_masks,
    implementation_theme_masks = f.implementation_theme_masks
from event_proposal_figures($event_ids) as f
where derived_events.event_id = f.event_id

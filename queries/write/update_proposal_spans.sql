-- Where each proposal of one event stands in its source text; lists are aligned by position.
update proposals
set span_start = spans.span_start, span_end = spans.span_end
from (
    select unnest($positions::integer[]) as position,
        unnest($starts::integer[]) as span_start,
        unnest($ends::integer[]) as span_end
) as spans
where proposals.event_id = $event_id and proposals.position = spans.position

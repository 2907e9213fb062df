insert into proposals (event_id, position, text)
values ($event_id, $position, $text)
returning proposal_id

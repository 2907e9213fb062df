insert into participation (event_id, total, women, men, unspecified)
values ($event_id, $total, $women, $men, $unspecified)

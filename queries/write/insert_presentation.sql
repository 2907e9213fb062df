insert into presentations (event_id, position, title) values ($event_id, $position, $title)

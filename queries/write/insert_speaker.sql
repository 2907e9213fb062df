insert into speakers (event_id, position, name, role) values ($event_id, $position, $name, $role)

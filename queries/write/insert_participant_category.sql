insert into participant_categories (event_id, category) values ($event_id, $category)

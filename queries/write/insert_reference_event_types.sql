insert into event_types
select event_type, label_en, label_ru
from read_csv($path, header = true)
on conflict do nothing

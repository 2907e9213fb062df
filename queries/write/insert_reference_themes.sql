insert into themes
select theme_id, label_en, label_ru, label_ky, description
from read_csv($path, header = true)
on conflict do nothing

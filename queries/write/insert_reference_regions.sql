insert into regions
select region_id, name, name_ru, name_ky, iso_code, country, kind, grid_row, grid_col
from read_csv($path, header = true, all_varchar = false)
on conflict do nothing

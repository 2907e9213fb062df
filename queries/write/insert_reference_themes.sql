-- New themes get the next free bits (see schema/004_derived_facts.sql), in file order.
insert into themes (theme_id, label_en, label_ru, label_ky, description, bit)
select
    theme_id,
    label_en,
    label_ru,
    label_ky,
    description,
    (select coalesce(max(bit) + 1, 0) from themes) + row_number() over () - 1 as bit
from read_csv($path, header = true)
where theme_id not in (select theme_id from themes)
on conflict do nothing

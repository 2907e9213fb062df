create table if not exists schema_version (
    version integer primary key,
    applied_at timestamp default current_timestamp
)

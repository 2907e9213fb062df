-- Every change to the data: who, when, what, and the state before and after (JSON text).
create sequence audit_id_seq start 1;

create table audit_log (
    audit_id bigint primary key default nextval('audit_id_seq'),
    changed_at timestamp not null default current_timestamp,
    changed_by varchar not null,
    action varchar not null,
    subject varchar not null,
    before_state varchar,
    after_state varchar
);

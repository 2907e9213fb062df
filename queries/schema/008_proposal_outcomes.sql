-- Schema version 8: what became of each proposal, and which proposals recur.
--
-- proposal_outcomes is the history of follow-up statuses, one row per change; a
-- proposal's current status is its latest row (by date, then by when it was
-- recorded), or no_response when it has none. It is never stored twice: the
-- proposal_status view (queries/macros/outcomes.sql) derives it. No foreign key to
-- proposals, for the reason given in 001_initial.sql (a re-ingest replaces proposals
-- inside one transaction).

create sequence outcome_id_seq start 1;

create table proposal_outcomes (
    outcome_id bigint primary key default nextval('outcome_id_seq'),
    proposal_id bigint not null,
    status varchar not null check (
        status in (
            'no_response', 'under_review', 'accepted', 'in_progress', 'implemented', 'partly_implemented', 'declined'
        )
    ),
    status_date date not null,
    responsible_body varchar,
    response varchar,
    source varchar,
    recorded_by varchar not null,
    recorded_at timestamp not null default current_timestamp
);

create index proposal_outcomes_proposal on proposal_outcomes (proposal_id);

-- The current status (view proposal_status_from_history in queries/macros/outcomes.sql),
-- kept as a derived table (like those of 004) so that filtering by status stays fast:
-- writers of proposal_outcomes refresh the proposals they touched
-- (queries/outcomes/refresh_status.sql), derived/refresh.sql rebuilds it whole.
create table derived_proposal_status (
    proposal_id bigint primary key,
    status varchar not null,
    status_date date not null,
    responsible_body varchar,
    first_response_date date,
    implemented_date date
);

-- Recurring proposals: each grouped proposal's group (groups of one are left out).
-- Derived from proposal texts by dashboard/recurring.py, which rebuilds it whenever
-- the texts it was built from (recorded in derived_recurring_state) have changed.
create table derived_recurring (
    proposal_id bigint not null,
    group_id integer not null,
    is_label boolean not null
);

create table derived_recurring_state (
    signature varchar not null
);

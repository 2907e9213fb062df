-- Schema version 8: what became of each proposal, and which proposals recur.
--
-- proposal_outcomes is the history of follow-up statuses, one row per change; a
-- proposal's current status is its latest row (by date, then by when it was
-- recorded), or no_response when it has none. It is never stored twice: the
-- proposal_status view derives it. No foreign key to proposals, for the reason given
-- in 001_initial.sql (a re-ingest replaces proposals inside one transaction).

-- The statuses, in order; answered means any status but no_response, implemented
-- means implemented or partly_implemented (dashboard/outcomes.py keeps the same list).
create or replace macro outcome_answered(status) as status <> 'no_response';
create or replace macro outcome_implemented(status) as status in ('implemented', 'partly_implemented');

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

-- The current status of every proposal that has a history, with the date of that status,
-- its first response (the first change away from no_response) and its first implementation.
create or replace view proposal_status_from_history as
with ranked as (
    select
        o.*,
        row_number() over (partition by o.proposal_id order by o.status_date desc, o.outcome_id desc) as recency
    from proposal_outcomes as o
),

firsts as (
    select
        o.proposal_id,
        min(o.status_date) filter (where outcome_answered(o.status)) as first_response_date,
        min(o.status_date) filter (where outcome_implemented(o.status)) as implemented_date
    from proposal_outcomes as o
    group by o.proposal_id
)

select r.proposal_id, r.status, r.status_date, r.responsible_body, f.first_response_date, f.implemented_date
from ranked as r
join firsts as f on f.proposal_id = r.proposal_id
where r.recency = 1;

-- The same, kept as a derived table (like those of 004) so that filtering by status stays
-- fast: writers of proposal_outcomes refresh the proposals they touched
-- (queries/outcomes/refresh_status.sql), derived/refresh.sql rebuilds it whole.
create table derived_proposal_status (
    proposal_id bigint primary key,
    status varchar not null,
    status_date date not null,
    responsible_body varchar,
    first_response_date date,
    implemented_date date
);

-- Every proposal with its current status: no_response when it has no history.
create or replace view proposal_status as
select
    p.proposal_id,
    coalesce(d.status, 'no_response') as status,
    d.status_date,
    d.responsible_body,
    d.first_response_date,
    d.implemented_date
from proposals as p
left join derived_proposal_status as d on d.proposal_id = p.proposal_id;

-- Proposals in view as in 004 (derived_proposals_in_view), narrowed to the given
-- statuses (all when empty), with their current status.
create or replace macro status_proposals_in_view(regions, themes, date_from, date_to, event_types, include_demo, statuses) as table
    select
        f.*,
        coalesce(s.status, 'no_response') as status,
        s.status_date,
        s.first_response_date,
        s.implemented_date
    from derived_proposals_in_view(regions, themes, date_from, date_to, event_types, include_demo) as f
    left join derived_proposal_status as s on s.proposal_id = f.proposal_id
    where len(statuses) = 0 or list_contains(statuses, coalesce(s.status, 'no_response'));

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

-- Each proposal slot draws a template: FOCUS_SHARE percent from the region's focus themes.
create or replace temp table demo_slots as
with slots as (
    select
        s.event_id,
        s.demo_index,
        s.region,
        s.language,
        s.city,
        unnest(range(1, s.n_proposals + 1)) as position
    from demo_stage as s
),

drawn as (
    select *, hash(demo_index, position, $seed) as h
    from slots
),

language_templates as (
    select
        template_id,
        language,
        row_number() over (partition by language order by template_id) - 1 as k,
        count(*) over (partition by language) as n
    from demo_templates
),

focus_templates as (
    select
        f.region,
        t.template_id,
        t.language,
        row_number() over (partition by f.region, t.language order by t.template_id) - 1 as k,
        count(*) over (partition by f.region, t.language) as n
    from demo_focus as f
    join demo_templates as t on t.theme_id = f.theme_id
),

focus_counts as (
    select distinct region, language, n from focus_templates
),

language_counts as (
    select distinct language, n from language_templates
)

select
    nextval('proposal_id_seq') as proposal_id,
    d.event_id,
    d.position::integer as position,
    coalesce(ft.template_id, lt.template_id) as template_id,
    d.city
from drawn as d
join language_counts as lc on lc.language = d.language
left join focus_counts as fc on fc.region = d.region and fc.language = d.language
left join focus_templates as ft
    on d.h % 100 < $focus_share
    and ft.region = d.region and ft.language = d.language
    and ft.k = (d.h // 100) % fc.n
left join language_templates as lt
    on not (d.h % 100 < $focus_share and fc.n is not null)
    and lt.language = d.language
    and lt.k = (d.h // 100) % lc.n;

insert into proposals (proposal_id, event_id, position, text)
select s.proposal_id, s.event_id, s.position, replace(t.template, '{place}', s.city)
from demo_slots as s
join demo_templates as t on t.template_id = s.template_id
order by s.proposal_id;

insert into proposal_themes (proposal_id, theme_id, source, score, evidence, confidence)
select s.proposal_id, l.theme_id, 'rule', l.score, l.evidence, l.confidence
from demo_slots as s
join demo_template_labels as l on l.template_id = s.template_id
order by s.proposal_id;

drop table demo_slots;

-- Rule labels of several proposals in one statement; lists are aligned row by row.
insert into proposal_themes (proposal_id, theme_id, source, score, evidence, confidence)
select
    unnest($proposal_ids::bigint[]),
    unnest($theme_ids::varchar[]),
    'rule',
    unnest($scores::double[]),
    unnest($evidence::varchar[]),
    unnest($confidences::double[])

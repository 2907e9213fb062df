select count(*) as events, coalesce(sum(n_proposals), 0) as proposals from demo_stage

insert into proposal_themes (proposal_id, theme_id, source, score, evidence)
values ($proposal_id, $theme_id, $source, $score, $evidence)

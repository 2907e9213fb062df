-- Schema version 9, for speed. (1) The review queue's order kept with each derived proposal
-- row, so the Data page's queue is a top-N over derived_proposals instead of a minimum over every label of
-- every proposal in view. Filled by queries/derived/refresh.sql like the other columns (the
-- writers of labels and of reviewed_at refresh the events they touched).

-- The classifier's confidence in its least certain label (null when it gave none).
alter table derived_proposals add column confidence double;

-- When a reviewer last saved the proposal's labels (null when never).
alter table derived_proposals add column reviewed_at timestamp;

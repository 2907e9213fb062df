-- Schema version 7: how sure the classifier is of each label it gave (0..1), so the review
-- queue can put the least certain proposals first. Labels stored before this version, and a
-- reviewer's manual labels, have none (null).

alter table proposal_themes add column confidence double;

-- Schema version 6: what the parser was unsure of and left out (one line each, naming the
-- sentence; text rather than a list, because DuckDB rewrites a list update as delete and
-- insert, which the foreign keys on events refuse), and where each proposal stands in its report's source_text (character offsets,
-- end exclusive), so the app can point at it. Proposals from tables have no span.
alter table events add column warnings varchar;
alter table proposals add column span_start integer;
alter table proposals add column span_end integer;

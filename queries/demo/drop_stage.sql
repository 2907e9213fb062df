drop table if exists demo_stage

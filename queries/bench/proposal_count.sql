-- Bench only: how many proposals the store holds (the size a search runs over).
select count(*) as proposals from proposals

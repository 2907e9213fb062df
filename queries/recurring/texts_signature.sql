-- A fingerprint of every proposal's id and text: the recurring groups are current while it is unchanged.
select count(*)::varchar || ':' || coalesce(sum(hash(proposal_id, text)::hugeint), 0)::varchar as signature
from proposals

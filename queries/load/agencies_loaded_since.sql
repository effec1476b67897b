-- purpose: the agencies of the reports a run loaded (a resumed run also touches the agencies
--          of what it had committed before it was killed: supersede and cross-year rules).
-- grain: one row per agency
-- parameters: $run_started_at
select distinct r.agency_id
from reports as r
where r.parsed_at >= $run_started_at
  and r.agency_id is not null;

-- purpose: data test — every report is placed on an agency of the agencies table.
-- grain: one row per unplaced report (healthy: none)
-- parameters: none
select r.report_id, r.agency_id
from reports as r
where r.agency_id is null or r.agency_id not in (select agency_id from agencies);

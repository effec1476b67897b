-- purpose: a newly loaded report supersedes the current report of the same agency-year
--          (the old one stays, with superseded_by set); returns the reports superseded.
-- grain: one row per superseded report
-- parameters: none (reads the temporary table new_latest(agency_id, year, report_id))
update reports as r
set superseded_by = n.report_id
from new_latest as n
where r.agency_id = n.agency_id
  and r.year = n.year
  and r.report_id <> n.report_id
  and r.superseded_by is null
returning r.report_id;

-- purpose: put one report with another agency; it is current there until supersede decides.
-- grain: one row updated
-- parameters: $report_id, $agency_id
update reports
set agency_id = $agency_id, superseded_by = null
where report_id = $report_id;

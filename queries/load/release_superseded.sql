-- purpose: after reports moved to another agency, the reports they had superseded are current
--          again (supersede decides anew for the agencies involved).
-- grain: none (an update)
-- parameters: $report_ids (the moved reports)
update reports set superseded_by = null where list_contains($report_ids, superseded_by);

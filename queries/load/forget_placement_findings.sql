-- purpose: after reports moved to another agency, forget their findings about where they
--          belonged (unknown-agency, placed-by-editor, placed-by-collector,
--          collected-elsewhere); the caller writes the new one.
-- grain: none (a delete)
-- parameters: $report_ids (the moved reports)
delete from findings
where list_contains($report_ids, report_id)
  and rule in ('unknown-agency', 'placed-by-editor', 'placed-by-collector', 'collected-elsewhere');

-- purpose: forget the cross-year findings of some agencies before they are recomputed.
-- grain: none (a delete)
-- parameters: $agency_ids (list of agency_id)
delete from findings
where scope = 'warehouse'
  and rule in ('carry-continuity', 'copied-narrative', 'late-publication')
  and report_id in (select r.report_id from reports as r where list_contains($agency_ids, r.agency_id));

-- purpose: 上年结转 and 结转下年度 cells of some reports, for carry-continuity.
-- grain: one row per report × key
-- parameters: $report_ids (list of report_id)
select v.report_id, v.key, v.value
from report_values as v
where list_contains($report_ids, v.report_id)
  and (v.key like 'requests.carried_over.%' or v.key like 'requests.carried_forward.%');

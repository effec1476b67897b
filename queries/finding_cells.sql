-- purpose: 整改清单 — the printed numbers of the cells the error and warning findings of the
--          given reports involve (a cell printed blank has no value).
-- grain: one row per report and key named by such a finding
-- parameters: $report_ids
with named as (
    select distinct f.report_id, k.key
    from findings as f
    cross join unnest(f.keys) as k(key)
    where list_contains($report_ids, f.report_id)
      and f.severity in ('error', 'warning')
)
select n.report_id, n.key, v.value
from named as n
left join report_values as v on v.report_id = n.report_id and v.key = n.key
order by n.report_id, n.key;

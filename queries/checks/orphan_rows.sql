-- purpose: data test — every value, finding, narrative and source line belongs to a loaded
--          report.
-- grain: one row per orphan (healthy: none)
-- parameters: none
select 'report_values' as table_name, v.report_id from report_values as v
where v.report_id not in (select report_id from reports)
union all
select 'findings', f.report_id from findings as f
where f.report_id not in (select report_id from reports)
union all
select 'narratives', n.report_id from narratives as n
where n.report_id not in (select report_id from reports)
union all
select distinct 'source_lines', l.report_id from source_lines as l
where l.report_id not in (select report_id from reports);

-- purpose: how many findings of each rule and severity, and in how many reports.
-- grain: one row per rule per severity
-- parameters: $city, $districts, $kinds, $agency_ids, $year_from, $year_to, $sample, $city_level
-- pages: 数据质量
with selected as (
    select * from selected_reports($city, $districts, $kinds, $agency_ids, $year_from, $year_to, $sample, $city_level)
),
final as (
    select f.rule, f.severity, count(*) as n_findings, count(distinct f.report_id) as n_reports
    from findings as f
    join selected as s using (report_id)
    group by f.rule, f.severity
)
select * from final
order by case severity when 'error' then 0 when 'warning' then 1 else 2 end, n_findings desc;

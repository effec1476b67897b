-- purpose: findings of the current reports in the filter, narrowed by rule and severity.
-- grain: one row per finding
-- parameters: $city, $districts, $kinds, $agency_ids, $year_from, $year_to, $rules, $severities, $sample, $city_level
-- pages: 数据质量, 机构档案
with selected as (
    select * from selected_reports($city, $districts, $kinds, $agency_ids, $year_from, $year_to, $sample, $city_level)
),
final as (
    select s.agency_id, s.agency_name, district_label(s.district, s.city) as district, s.year, f.rule, f.severity, f.message,
           f.location, f.keys, f.scope, s.report_id, s.source_path, s.published_on, f.finding_key
    from findings_keyed as f
    join selected as s using (report_id)
    where (len($rules) = 0 or list_contains($rules, f.rule))
      and (len($severities) = 0 or list_contains($severities, f.severity))
)
select * from final
order by case severity when 'error' then 0 when 'warning' then 1 else 2 end, agency_name, year, rule;

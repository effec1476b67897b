-- purpose: the agencies with the most error and warning findings in the filter.
-- grain: one row per agency with at least one error or warning
-- parameters: $city, $districts, $kinds, $agency_ids, $year_from, $year_to
-- pages: 数据质量
with selected as (
    select * from selected_reports($city, $districts, $kinds, $agency_ids, $year_from, $year_to)
),
final as (
    select
        s.agency_id, s.agency_name, coalesce(s.district, '（市级）') as district,
        count(*) filter (where f.severity = 'error') as n_errors,
        count(*) filter (where f.severity = 'warning') as n_warnings,
        count(distinct s.report_id) as n_reports
    from selected as s
    join findings as f using (report_id)
    where f.severity in ('error', 'warning')
    group by s.agency_id, s.agency_name, s.district
)
select * from final
order by n_errors desc, n_warnings desc, agency_name
limit 20;

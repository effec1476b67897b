-- purpose: the agencies with the most error findings in the filter (layout warnings do not
--          rank an agency; their count is shown beside).
-- grain: one row per agency with at least one error
-- parameters: $city, $districts, $kinds, $agency_ids, $year_from, $year_to, $sample, $city_level
-- pages: 数据质量
with selected as (
    select * from selected_reports($city, $districts, $kinds, $agency_ids, $year_from, $year_to, $sample, $city_level)
),
final as (
    select
        s.agency_id, s.agency_name, district_label(s.district, s.city) as district,
        count(*) filter (where f.severity = 'error') as n_errors,
        count(*) filter (where f.severity = 'warning') as n_warnings,
        count(distinct s.report_id) as n_reports
    from selected as s
    join findings as f using (report_id)
    where f.severity in ('error', 'warning')
    group by s.agency_id, s.agency_name, s.district, s.city
    having count(*) filter (where f.severity = 'error') > 0
)
select * from final
order by n_errors desc, n_warnings desc, agency_name
limit 20;

-- purpose: every printed value of the current reports in the filter, with its label.
-- grain: one row per report × key
-- parameters: $city, $districts, $kinds, $agency_ids, $year_from, $year_to, $sample, $city_level
-- pages: `python -m xxgk export`
with selected as (
    select * from selected_reports($city, $districts, $kinds, $agency_ids, $year_from, $year_to, $sample, $city_level)
),
final as (
    select s.year, s.district, s.agency_id, s.agency_name, s.report_id, v.key, k.label_zh, v.value
    from report_values as v
    join selected as s using (report_id)
    left join value_keys as k using (key)
)
select * from final
order by year, district, agency_name, key;

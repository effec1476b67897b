-- purpose: the export of current reports in the filter with their headline numbers.
-- grain: one row per current report
-- parameters: $city, $districts, $kinds, $agency_ids, $year_from, $year_to, $sample, $city_level
-- pages: every page's download of reports; `python -m xxgk export`
with final as (
    select * exclude (source_path)
    from selected_reports($city, $districts, $kinds, $agency_ids, $year_from, $year_to, $sample, $city_level)
)
select * from final
order by year, district, agency_name;

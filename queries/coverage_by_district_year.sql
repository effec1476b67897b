-- purpose: how complete each count is: per district (labelled as requests_by_district_year
--          labels it) and year, the registry agencies expected to report, how many reports came
--          from them, and how many reports in all (agencies outside the registry included).
--          A bar or point whose n_registry_reports < n_expected is incomplete.
-- grain: one row per district per year of the range
-- parameters: $city, $districts, $kinds, $agency_ids, $year_from, $year_to, $sample, $city_level
-- pages: 总览, 申请量, 复议诉讼
with expected as (
    select district_label(a.district, a.city) as district,
           count(*) as n_expected
    from selected_agencies($city, $districts, $kinds, $agency_ids, $sample, $city_level) as a
    where a.in_registry
    group by 1
),
received as (
    select district_label(s.district, s.city) as district, s.year,
           count(*) as n_reports,
           count(*) filter (where a.in_registry) as n_registry_reports
    from selected_reports($city, $districts, $kinds, $agency_ids, $year_from, $year_to, $sample, $city_level) as s
    join agencies as a using (agency_id)
    group by 1, 2
),
districts as (
    select district from expected
    union
    select district from received
),
years as (
    select unnest(generate_series($year_from, $year_to)) as year
),
final as (
    select d.district, y.year,
           coalesce(e.n_expected, 0) as n_expected,
           coalesce(r.n_reports, 0) as n_reports,
           coalesce(r.n_registry_reports, 0) as n_registry_reports
    from districts as d
    cross join years as y
    left join expected as e using (district)
    left join received as r on r.district = d.district and r.year = y.year
)
select * from final
order by district, year;

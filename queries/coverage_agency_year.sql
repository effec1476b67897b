-- purpose: which agency published which year, and how: published / late / with errors /
--          missing (no report although the agency reported in other years of the range).
-- grain: one row per agency per year of the range
-- parameters: $city, $districts, $kinds, $agency_ids, $year_from, $year_to
-- pages: 数据质量
with agencies_in as (
    select * from selected_agencies($city, $districts, $kinds, $agency_ids)
),
years as (
    select unnest(range($year_from, $year_to + 1)) as year
),
loaded as (
    select * from selected_reports($city, $districts, $kinds, $agency_ids, $year_from, $year_to)
),
final as (
    select
        a.agency_id, a.name as agency_name, a.kind, a.district, y.year,
        l.report_id,
        case when l.report_id is null then 'missing'
             when l.n_errors > 0 then 'with errors'
             when l.is_late then 'late'
             else 'published' end as status
    from agencies_in as a
    cross join years as y
    left join loaded as l on l.agency_id = a.agency_id and l.year = y.year
    where a.agency_id in (select agency_id from loaded)
)
select * from final
order by district, agency_name, year;

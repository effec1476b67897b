-- purpose: which agency published which year, and how: published / late / with errors /
--          missing. Every registry agency of the filter has its rows (one that never filed
--          shows as missing every year), plus the reports of agencies outside the registry
--          (名称（未归属） when the report names no place); each row named 名称（区县） so
--          same-name agencies never share a row.
-- grain: one row per agency per year of the range
-- parameters: $city, $districts, $kinds, $agency_ids, $year_from, $year_to, $sample, $city_level
-- pages: 数据质量
with agencies_in as (
    select * from selected_agencies($city, $districts, $kinds, $agency_ids, $sample, $city_level)
),
years as (
    select unnest(range($year_from, $year_to + 1)) as year
),
loaded as (
    select * from selected_reports($city, $districts, $kinds, $agency_ids, $year_from, $year_to, $sample, $city_level)
),
labelled as (
    select a.*,
           agency_label(a.name, a.district, a.city, a.in_registry) as base_label
    from agencies_in as a
    where a.in_registry or a.agency_id in (select agency_id from loaded)
),
unique_labels as (
    select l.*,
           unique_agency_label(l.base_label, l.agency_id,
                               count(*) over (partition by l.base_label)) as agency_label
    from labelled as l
),
final as (
    select
        a.agency_id, a.name as agency_name, a.agency_label, a.kind, a.district, y.year,
        l.report_id,
        case when l.report_id is null then 'missing'
             when l.n_errors > 0 then 'with errors'
             when l.is_late then 'late'
             else 'published' end as status
    from unique_labels as a
    cross join years as y
    left join loaded as l on l.agency_id = a.agency_id and l.year = y.year
    where a.in_registry or l.report_id is not null  -- an agency outside the registry is only
                                                    -- known by its reports: no "missing" years
)
select * from final
order by district, agency_label, year;

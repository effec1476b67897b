-- purpose: agencies ranked by new requests in $year, with the year before and the change.
-- grain: one row per agency with a report in $year
-- parameters: $city, $districts, $kinds, $agency_ids, $year, $sample, $city_level
-- pages: 总览, 申请量
with this_year as (
    select * from selected_reports($city, $districts, $kinds, $agency_ids, $year, $year, $sample, $city_level)
),
last_year as (
    select * from selected_reports($city, $districts, $kinds, $agency_ids, $year - 1, $year - 1, $sample, $city_level)
),
final as (
    select
        t.agency_id, t.agency_name, t.kind, district_label(t.district, t.city) as district,
        t.new_received as n_new_requests,
        l.new_received as n_new_requests_prev,
        t.new_received - l.new_received as change,
        safe_rate(t.new_received - l.new_received, l.new_received) as change_rate,
        rank() over (order by t.new_received desc nulls last) as rank
    from this_year as t
    left join last_year as l using (agency_id)
)
select * from final
order by rank, agency_name;

-- purpose: request volumes and outcome rates per agency and year (sortable agency table).
-- grain: one row per agency per year
-- parameters: $city, $districts, $kinds, $agency_ids, $year_from, $year_to, $sample, $city_level
-- pages: 申请量
with selected as (
    select * from selected_reports($city, $districts, $kinds, $agency_ids, $year_from, $year_to, $sample, $city_level)
),
final as (
    select
        s.agency_id, s.agency_name, s.kind, district_label(s.district, s.city) as district, s.year,
        s.new_received as n_new_requests,
        s.carried_over as n_carried_over,
        s.outcome_total as n_handled,
        s.carried_forward as n_carried_forward,
        substantive_rate(s.granted, s.partially_granted, s.outcome_total) as substantive_rate,
        unable_rate(s.unable, s.outcome_total) as unable_rate,
        denial_rate(s.denied, s.outcome_total) as denial_rate,
        s.n_errors
    from selected as s
)
select * from final
order by agency_name, year;

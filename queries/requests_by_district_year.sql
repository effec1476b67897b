-- purpose: request volumes and outcomes per district and year.
-- grain: one row per district per year
-- parameters: $city, $districts, $kinds, $agency_ids, $year_from, $year_to, $sample, $city_level
-- pages: 申请量
with selected as (
    select * from selected_reports($city, $districts, $kinds, $agency_ids, $year_from, $year_to, $sample, $city_level)
),
final as (
    select
        district_label(s.district, s.city) as district,
        s.year,
        count(*) as n_reports,
        sum(s.new_received) as n_new_requests,
        sum(s.carried_over) as n_carried_over,
        sum(s.outcome_total) as n_handled,
        substantive_rate(sum(s.granted), sum(s.partially_granted), sum(s.outcome_total)) as substantive_rate
    from selected as s
    group by 1, 2
)
select * from final
order by district, year;

-- purpose: how requests ended, in the six outcome groups, per district (100% stacked bars).
-- grain: one row per district per outcome group
-- parameters: $city, $districts, $kinds, $agency_ids, $year_from, $year_to, $sample, $city_level
-- pages: 办理结果
with selected as (
    select * from selected_reports($city, $districts, $kinds, $agency_ids, $year_from, $year_to, $sample, $city_level)
),
groups as (
    select
        district_label(s.district, s.city) as district,
        sum(s.granted) as granted, sum(s.partially_granted) as partially_granted,
        sum(s.denied) as denied, sum(s.unable) as unable,
        sum(s.rejected) as rejected, sum(s.other_outcome) as other_outcome
    from selected as s
    group by 1
),
long as (
    unpivot groups on granted, partially_granted, denied, unable, rejected, other_outcome
    into name outcome value n_requests
),
final as (
    select
        l.district, l.outcome, l.n_requests,
        safe_rate(l.n_requests, sum(l.n_requests) over (partition by l.district)) as share
    from long as l
)
select * from final
order by district, outcome;

-- purpose: headline numbers for the filter, one row per year (the 总览 KPI cards compare the
--          last two years); rates from the metric macros of build/30_metrics.sql.
-- grain: one row per year
-- parameters: $city, $districts, $kinds, $agency_ids, $year_from, $year_to, $sample, $city_level
-- pages: 总览
with selected as (
    select * from selected_reports($city, $districts, $kinds, $agency_ids, $year_from, $year_to, $sample, $city_level)
),
final as (
    select
        s.year,
        count(*) as n_reports,
        count(distinct s.agency_id) as n_agencies,
        sum(s.new_received) as n_new_requests,
        sum(s.outcome_total) as n_handled,
        substantive_rate(sum(s.granted), sum(s.partially_granted), sum(s.outcome_total)) as substantive_rate,
        sum(s.review_total) as n_reviews,
        correction_rate(sum(s.review_maintained), sum(s.review_corrected), sum(s.review_other)) as review_correction_rate,
        sum(s.litigation_total) as n_lawsuits,
        correction_rate(sum(s.litigation_maintained), sum(s.litigation_corrected), sum(s.litigation_other)) as litigation_correction_rate,
        count(*) filter (where s.n_errors > 0) as n_reports_with_errors,
        count(*) filter (where s.is_late) as n_late_reports
    from selected as s
    group by s.year
)
select * from final
order by year;

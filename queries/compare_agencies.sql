-- purpose: two to six agencies side by side on the same metrics, per year.
-- grain: one row per agency per year
-- parameters: $agency_ids, $year_from, $year_to, $sample
-- pages: 对比
with selected as (
    select * from selected_reports(null, [], [], $agency_ids, $year_from, $year_to, $sample, true)
),
final as (
    select
        s.agency_id, s.agency_name, s.year,
        s.new_received as n_new_requests,
        substantive_rate(s.granted, s.partially_granted, s.outcome_total) as substantive_rate,
        unable_rate(s.unable, s.outcome_total) as unable_rate,
        s.review_total as n_reviews,
        correction_rate(s.review_maintained, s.review_corrected, s.review_other) as review_correction_rate,
        s.litigation_total as n_lawsuits,
        s.n_errors
    from selected as s
)
select * from final
order by agency_name, year;

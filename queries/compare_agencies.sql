-- purpose: two to six agencies side by side on the same metrics, per year; each rate with the
--          number of cases it is a share of (n_handled, n_reviews_decided).
-- grain: one row per agency per year
-- parameters: $agency_ids, $year_from, $year_to, $sample
-- pages: 对比
with selected as (
    select * from selected_reports(null, [], [], $agency_ids, $year_from, $year_to, $sample, true)
),
final as (
    select
        s.agency_id, s.agency_name, s.district, s.year,
        s.new_received as n_new_requests,
        s.outcome_total as n_handled,
        substantive_rate(s.granted, s.partially_granted, s.outcome_total) as substantive_rate,
        unable_rate(s.unable, s.outcome_total) as unable_rate,
        s.review_total as n_reviews,
        coalesce(s.review_maintained, 0) + coalesce(s.review_corrected, 0)
            + coalesce(s.review_other, 0) as n_reviews_decided,
        correction_rate(s.review_maintained, s.review_corrected, s.review_other) as review_correction_rate,
        s.litigation_total as n_lawsuits,
        s.n_errors
    from selected as s
)
select * from final
order by agency_name, year;

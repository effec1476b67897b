-- purpose: agencies whose decisions were most often corrected on review or in court.
-- grain: one row per agency with at least one corrected case in the filter
-- parameters: $city, $districts, $kinds, $agency_ids, $year_from, $year_to, $sample, $city_level
-- pages: 复议诉讼
with selected as (
    select * from selected_reports($city, $districts, $kinds, $agency_ids, $year_from, $year_to, $sample, $city_level)
),
final as (
    select
        s.agency_id, s.agency_name, district_label(s.district, s.city) as district,
        sum(s.review_corrected) as n_review_corrected,
        sum(s.litigation_corrected) as n_litigation_corrected,
        sum(s.review_total) as n_reviews,
        correction_rate(sum(s.review_maintained), sum(s.review_corrected), sum(s.review_other)) as review_correction_rate
    from selected as s
    group by s.agency_id, s.agency_name, s.district, s.city
    having coalesce(sum(s.review_corrected), 0) + coalesce(sum(s.litigation_corrected), 0) > 0
)
select * from final
order by n_review_corrected + n_litigation_corrected desc, agency_name
limit 20;

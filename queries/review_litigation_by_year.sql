-- purpose: 行政复议 and 行政诉讼 (直接起诉, 复议后起诉) outcomes per year, with 纠错率.
-- grain: one row per year per block
-- parameters: $city, $districts, $kinds, $agency_ids, $year_from, $year_to, $sample, $city_level
-- pages: 复议诉讼, 总览
with selected as (
    select * from selected_reports($city, $districts, $kinds, $agency_ids, $year_from, $year_to, $sample, $city_level)
),
final as (
    select
        s.year, b.block,
        sum(b.maintained) as n_maintained,
        sum(b.corrected) as n_corrected,
        sum(b.other) as n_other,
        sum(b.pending) as n_pending,
        sum(b.total) as n_total,
        correction_rate(sum(b.maintained), sum(b.corrected), sum(b.other)) as correction_rate
    from review_litigation as b
    join selected as s using (report_id)
    group by s.year, b.block
)
select * from final
order by year, block;

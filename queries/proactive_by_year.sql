-- purpose: section 二 per year, kept apart by format: 2019 and 2021 measure different things
--          (新制作/新公开 vs 制发/废止/现行有效), so a series never crosses the change silently.
-- grain: one row per year per template per item per metric
-- parameters: $city, $districts, $kinds, $agency_ids, $year_from, $year_to, $sample, $city_level
-- pages: 主动公开
with selected as (
    select * from selected_reports($city, $districts, $kinds, $agency_ids, $year_from, $year_to, $sample, $city_level)
),
final as (
    select
        s.year, p.template, p.item, p.metric,
        k.label_zh,
        sum(p.value) as value,
        count(distinct p.report_id) as n_reports
    from proactive as p
    join selected as s using (report_id)
    left join value_keys as k on k.key = 'proactive.' || p.item || '.' || p.metric
    group by s.year, p.template, p.item, p.metric, k.label_zh
)
select * from final
order by year, template, item, metric;

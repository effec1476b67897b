-- purpose: section 二 per year, kept apart by format: 2019 and 2021 measure different things
--          (新制作/新公开 vs 制发/废止/现行有效), so a series never crosses the change silently.
-- grain: one row per year per template per item per metric
-- parameters: $city, $districts, $kinds, $agency_ids, $year_from, $year_to, $sample, $city_level
-- pages: 主动公开
with selected as (
    select * from selected_reports($city, $districts, $kinds, $agency_ids, $year_from, $year_to, $sample, $city_level)
),
totals as (  -- summed first, labelled after: the label's key is built per group, not per value
    select
        s.year, p.template, p.item, p.metric,
        sum(p.value) as value,
        count(*) as n_reports  -- one row per report × item × metric (report_values' key)
    from proactive as p
    join selected as s using (report_id)
    group by s.year, p.template, p.item, p.metric
),
final as (
    select t.year, t.template, t.item, t.metric, k.label_zh, t.value, t.n_reports
    from totals as t
    left join value_keys as k on k.key = 'proactive.' || t.item || '.' || t.metric
)
select * from final
order by year, template, item, metric;

-- purpose: the reasons behind 不予公开 (1–8), 无法提供 (1–3) and 不予处理 (1–5), 总计 column.
-- grain: one row per reason (request row)
-- parameters: $city, $districts, $kinds, $agency_ids, $year_from, $year_to, $sample, $city_level
-- pages: 办理结果
with selected as (
    select * from selected_reports($city, $districts, $kinds, $agency_ids, $year_from, $year_to, $sample, $city_level)
),
long as (
    unpivot (select s.* from selected as s)
    on columns('^(denied|unable|rejected)_')
    into name request_row value n_requests
),
reasons as (
    select l.request_row, sum(l.n_requests) as n_requests
    from long as l
    group by l.request_row
),
final as (
    select
        split_part(x.request_row, '_', 1) as outcome,
        x.request_row as reason,
        k.label_zh as reason_zh,
        x.n_requests
    from reasons as x
    left join value_keys as k on k.key = 'requests.' || x.request_row || '.total'
)
select * from final
order by outcome, reason;

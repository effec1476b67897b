-- purpose: one agency across all years: every printed value with its label, long form, for
--          laying its tables out like the report (blank cells have no row).
-- grain: one row per current report × key
-- parameters: $agency_id
-- pages: 机构档案
with own as (
    select r.report_id, r.year, r.template
    from current_reports as r
    where r.agency_id = $agency_id
),
final as (
    select o.year, o.template, o.report_id, v.key, k.section, k.label_zh, v.value
    from own as o
    join report_values as v using (report_id)
    left join value_keys as k using (key)
)
select * from final
order by year, section, key;

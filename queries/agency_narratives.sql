-- purpose: one agency's narrative (总体情况, 问题及改进, 其他) per year.
-- grain: one row per current report × section
-- parameters: $agency_id
-- pages: 机构档案
with final as (
    select r.year, n.section, n.text, r.report_id
    from current_reports as r
    join narratives as n using (report_id)
    where r.agency_id = $agency_id
)
select * from final
order by year, section;

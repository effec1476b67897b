-- purpose: the current reports of some agencies, in year order, with what the cross-year rules
--          need: publication date, whether it is a government's own report, and narrative.
-- grain: one row per current report with a year
-- parameters: $agency_ids (list of agency_id)
with narrative as (
    select n.report_id, string_agg(n.text, chr(10) order by n.section) as text
    from narratives as n
    where n.section in ('overview', 'problems')
    group by n.report_id
),
final as (
    select
        r.report_id, r.agency_id, r.year, r.published_on,
        coalesce(a.kind = '政府', false) as is_government,
        coalesce(nv.text, '') as narrative
    from current_reports as r
    left join agencies as a using (agency_id)
    left join narrative as nv using (report_id)
    where r.year is not null
      and list_contains($agency_ids, r.agency_id)
)
select * from final
order by agency_id, year;

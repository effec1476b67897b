-- purpose: every file loaded for one agency (superseded ones too), with its findings counts
--          and, for a report the collector fetched, the address it came from.
-- grain: one row per report
-- parameters: $agency_id
-- pages: 机构档案
with counts as (
    select f.report_id,
           count(*) filter (where f.severity = 'error') as n_errors,
           count(*) filter (where f.severity = 'warning') as n_warnings
    from findings as f
    group by f.report_id
),
final as (
    select r.report_id, r.year, r.template, r.published_on, r.format, r.source_path,
           r.superseded_by, r.agency_printed, r.region_printed,
           coalesce(c.n_errors, 0) as n_errors, coalesce(c.n_warnings, 0) as n_warnings,
           s.url as source_url
    from reports as r
    left join counts as c using (report_id)
    left join report_sources as s using (report_id)
    where r.agency_id = $agency_id
)
select * from final
order by year, superseded_by nulls last, published_on;

-- purpose: what the sidebar filters can offer: agencies with their place, whether they are of
--          the invented sample, and the years loaded of the same kind of data (real or sample).
-- grain: one row per agency that has a current report
-- parameters: none
-- pages: every page (sidebar)
with years as (
    select r.synthetic, min(r.year) as year_min, max(r.year) as year_max
    from current_reports as r
    group by r.synthetic
),
final as (
    select a.agency_id, a.name as agency_name, a.kind, a.level, a.district, a.city, a.province,
           district_label(a.district, a.city) as district_label,
           a.in_registry, a.synthetic, y.year_min, y.year_max
    from agencies as a
    join years as y on y.synthetic = a.synthetic
    where a.agency_id in (select r.agency_id from current_reports as r)
)
select * from final
order by city, district, agency_name;

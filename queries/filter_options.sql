-- purpose: what the sidebar filters can offer: agencies with their place, and the years loaded.
-- grain: one row per agency that has a current report
-- parameters: none
-- pages: every page (sidebar)
with years as (
    select min(r.year) as year_min, max(r.year) as year_max
    from reports as r
    where r.superseded_by is null
),
final as (
    select a.agency_id, a.name as agency_name, a.kind, a.district, a.city, a.province,
           a.in_registry, y.year_min, y.year_max
    from agencies as a
    cross join years as y
    where a.agency_id in (select r.agency_id from reports as r where r.superseded_by is null)
)
select * from final
order by city, district, agency_name;

-- purpose: 待归属 — current reports whose agency the registry could not place (a name several
--          districts share, printed without its district; or a name the registry lacks), with
--          the registry agencies of the same name it may belong to.
-- grain: one row per current report of an agency outside the registry
-- parameters: $year_from, $year_to
-- pages: 数据质量
with unplaced as (
    select r.report_id, r.agency_id, a.name, r.agency_printed, r.region_printed, r.year,
           r.published_on, r.source_path
    from reports as r
    join agencies as a using (agency_id)
    where not a.in_registry
      and r.superseded_by is null
      and r.year between $year_from and $year_to
),
candidates as (
    select u.report_id,
           string_agg(g.name || '（' || coalesce(g.district, g.city, '市级') || '）', '、'
                      order by g.district) as candidates,
           count(*) as n_candidates
    from unplaced as u
    join agencies as g
      on g.in_registry and (g.name = u.name or list_contains(g.aliases, u.name))
    group by u.report_id
),
final as (
    select u.report_id, u.agency_id, coalesce(u.agency_printed, u.name) as agency_printed,
           u.region_printed, u.year, u.published_on,
           regexp_extract(u.source_path, '[^/\\]+$') as file_name,
           coalesce(c.n_candidates, 0) as n_candidates, c.candidates
    from unplaced as u
    left join candidates as c using (report_id)
)
select * from final
order by agency_printed, year;

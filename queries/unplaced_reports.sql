-- purpose: 待归属 — current reports whose agency the registry could not place (a name several
--          districts share, printed without its district; or a name the registry lacks), with
--          the registry agencies of the same name it may belong to; and the reports an editor
--          has placed already (placed_by names the choice), so a wrong choice can be changed.
-- grain: one row per current report of an agency outside the registry or placed by an editor
-- parameters: $year_from, $year_to
with waiting as (
    select r.report_id, r.sha256, a.name, r.agency_printed, r.region_printed, r.year,
           r.published_on, r.source_path, f.message as placed_by
    from current_reports as r
    join agencies as a using (agency_id)
    left join findings as f on f.report_id = r.report_id and f.rule = 'placed-by-editor'
    where (not a.in_registry or f.report_id is not null)
      and r.year between $year_from and $year_to
),
names as (  -- candidates depend on the names only: found once per name, not per report
    select distinct coalesce(w.agency_printed, w.name) as printed, w.name
    from waiting as w
),
matches as (  -- equi-joins (a join on name OR alias was a nested loop: 1.3 s at 10^5 reports)
    select n.printed, n.name, g.agency_id
    from names as n
    join agencies as g on g.in_registry and g.name = n.printed
    union
    select n.printed, n.name, g.agency_id
    from names as n
    join agencies as g on g.in_registry and g.name = n.name
    union
    select n.printed, n.name, g.agency_id
    from names as n
    join (select agency_id, unnest(aliases) as alias from agencies where in_registry) as g
      on g.alias = n.name
),
candidates as (  -- sorted lists, not ordered aggregates (string_agg … order by: 460 ms at 10^5)
    select m.printed, m.name,
           list_sort(list({'district': g.district, 'agency_id': g.agency_id,
                           'label': g.name || '（' || coalesce(g.district, g.city, '市级') || '）'}))
               as sorted,
           count(*) as n_candidates
    from matches as m
    join agencies as g using (agency_id)
    group by m.printed, m.name
),
final as (
    select w.report_id, w.sha256, coalesce(w.agency_printed, w.name) as agency_printed,
           w.region_printed, w.year, w.published_on,
           regexp_extract(w.source_path, '[^/\\]+$') as file_name,
           coalesce(c.n_candidates, 0) as n_candidates,
           array_to_string(list_transform(c.sorted, lambda x: x.label), '、') as candidates,
           list_transform(c.sorted, lambda x: x.agency_id) as candidate_ids,
           w.placed_by
    from waiting as w
    left join candidates as c
      on c.printed = coalesce(w.agency_printed, w.name) and c.name = w.name
)
select * from final
order by placed_by is not null, agency_printed, year, report_id;

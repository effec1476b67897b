-- purpose: the registry a warehouse was built with: an ingest with no registry file beside the
--          warehouse (a warehouse kept elsewhere, a run that only applies placements) matches
--          reports against it.
-- grain: one row per registry agency
-- parameters: none
select agency_id, name, coalesce(aliases, []) as aliases, kind, level, district, city, province,
       in_registry, synthetic
from agencies
where in_registry
order by agency_id;

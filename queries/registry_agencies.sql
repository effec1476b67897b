-- purpose: every agency of the registry (and those editors added): what a report waiting in
--          待归属 can be placed with.
-- grain: one row per registry agency
-- parameters: none
-- pages: 数据质量 (待归属)
select a.agency_id, a.name as agency_name, a.kind, a.district, a.city, a.province
from agencies as a
where a.in_registry
order by a.city, a.district nulls first, a.name;

-- purpose: the agencies editors added to the registry, in the order they were added.
-- grain: one row per added agency
-- parameters: none
select agency_id, name, kind, level, district, city, province, editor, added_at
from added_agencies
order by added_at, agency_id;

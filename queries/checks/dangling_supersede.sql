-- purpose: data test — superseded_by points to a loaded report of the same agency and year.
-- grain: one row per broken link (healthy: none)
-- parameters: none
select old.report_id, old.superseded_by
from reports as old
left join reports as new on new.report_id = old.superseded_by
where old.superseded_by is not null
  and (new.report_id is null or new.agency_id <> old.agency_id or new.year <> old.year);

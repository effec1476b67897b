-- purpose: the reports an editor placed (待归属, by file sha256) that are not with that agency
--          yet; a placement naming an agency the warehouse does not hold is left out (the
--          caller reports it).
-- grain: one row per report to move
-- parameters: $shas, $agency_ids (parallel lists: file i belongs to agency i)
with chosen as (
    select unnest($shas) as sha256, unnest($agency_ids) as agency_id
)
select r.report_id, r.sha256, r.agency_id as agency_from, c.agency_id as agency_to
from reports as r
join chosen as c using (sha256)
join agencies as a on a.agency_id = c.agency_id
where r.agency_id is distinct from c.agency_id
order by r.report_id;

-- purpose: which of the given files (by content, sha256) the warehouse holds already, and as what.
-- grain: one row per loaded file among the given ones
-- parameters: $hashes (list of sha256 hex digests)
-- pages: 导入
select r.sha256, a.name as agency_name, r.year
from reports as r
join agencies as a on a.agency_id = r.agency_id
where list_contains($hashes, r.sha256);

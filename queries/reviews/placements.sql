-- purpose: where each placed report file belongs: the latest placement per file.
-- grain: one row per file an editor placed
-- parameters: none
select p.sha256, p.agency_id, p.editor, p.decided_at
from placements as p
join (select sha256, max(id) as id from placements group by sha256) as last using (id)
order by p.sha256;

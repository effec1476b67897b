-- purpose: the latest decision on every finding of the given agencies and years.
-- grain: one row per finding that has a decision
-- parameters: :agency_ids (JSON list), :year_from, :year_to
select d.finding_key, d.agency_id, d.year, d.rule, d.status, d.comment, d.editor, d.decided_at
from decisions as d
join (select finding_key, max(id) as id from decisions group by finding_key) as last using (id)
where d.year between :year_from and :year_to
  and (json_array_length(:agency_ids) = 0
       or d.agency_id in (select value from json_each(:agency_ids)))
order by d.agency_id, d.year, d.id;

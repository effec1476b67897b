-- purpose: an agency outside the registry file is a sample one when its reports are (it was met
--          in the invented sample corpus, or an editor added it to place a sample report);
--          agencies of the registry file are marked by its sample column when it loads.
-- grain: none (an update)
-- parameters: $added_ids (list of agency_id: agencies editors added)
update agencies as a
set synthetic = true
where (not a.in_registry or list_contains($added_ids, a.agency_id))
  and not a.synthetic
  and a.agency_id in (select r.agency_id from reports as r where r.synthetic);

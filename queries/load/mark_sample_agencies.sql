-- purpose: an agency outside the registry is a sample one when its reports are (it was met in
--          the invented sample corpus); registry agencies are marked when the registry loads.
-- grain: none (an update)
-- parameters: none
update agencies as a
set synthetic = true
where not a.in_registry
  and not a.synthetic
  and a.agency_id in (select r.agency_id from reports as r where r.synthetic);

-- purpose: forget agencies outside the registry that no report names any more (their reports
--          were placed with a registry agency).
-- grain: none (a delete)
-- parameters: none
delete from agencies
where not in_registry
  and agency_id not in (select agency_id from reports where agency_id is not null);

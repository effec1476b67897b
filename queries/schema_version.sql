-- purpose: the schema build this warehouse has (none before meta existed: the table is missing
--          and the caller treats the warehouse as one to upgrade).
-- grain: one row (or none)
-- parameters: none
-- pages: every page (opening the warehouse)
select value as schema_version
from meta
where key = 'schema_version';

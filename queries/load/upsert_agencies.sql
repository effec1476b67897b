-- purpose: write agencies (the registry's, editors' additions, agencies a report named that the
--          registry lacks) into the warehouse in one statement; the caller registers them as
--          the relation new_agencies (columns of the agencies table). Keep the old row when
--          $replace is false (an unknown agency met again), replace it otherwise.
-- grain: one row per agency written
-- parameters: $replace
insert or replace into agencies by name
select n.*
from new_agencies as n
where $replace or n.agency_id not in (select agency_id from agencies);

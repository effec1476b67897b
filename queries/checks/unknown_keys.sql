-- purpose: data test — every stored value has a key of the registry (spec/*.csv).
-- grain: one row per unknown key (healthy: none)
-- parameters: none
select distinct v.key
from report_values as v
where v.key not in (select key from value_keys);

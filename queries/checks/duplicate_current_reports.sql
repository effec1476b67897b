-- purpose: data test — at most one current report per agency and year.
-- grain: one row per agency-year with more than one current report (healthy: none)
-- parameters: none
select r.agency_id, r.year, count(*) as n_current
from current_reports as r
where r.year is not null
group by r.agency_id, r.year
having count(*) > 1;

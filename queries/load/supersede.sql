-- purpose: one current report per agency-year. Among the not-yet-superseded reports of the
--          agency-years this run touched, the winner is a file of this run over older ones,
--          then the latest published, then the last path; the others are superseded by it
--          (and stay). Reports of unknown agencies without a region never take part: their
--          name alone cannot tell the agency. Returns the reports superseded.
-- grain: one row per superseded report
-- parameters: $run_started_at, $agency_ids
with candidates as (
    select
        r.report_id, r.agency_id, r.year,
        row_number() over (
            partition by r.agency_id, r.year
            order by (r.parsed_at >= $run_started_at) desc, r.published_on desc nulls last,
                     r.source_path desc
        ) as rn
    from reports as r
    join agencies as a using (agency_id)
    where r.superseded_by is null
      and r.year is not null
      and list_contains($agency_ids, r.agency_id)
      and (a.in_registry or r.region_printed is not null)
),
winners as (
    select c.agency_id, c.year, c.report_id as winner
    from candidates as c
    where c.rn = 1
),
losers as (
    select c.report_id, w.winner
    from candidates as c
    join winners as w using (agency_id, year)
    where c.rn > 1
)
update reports as r
set superseded_by = l.winner
from losers as l
where r.report_id = l.report_id
returning r.report_id;

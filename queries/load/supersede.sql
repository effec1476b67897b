-- purpose: one current report per agency-year. Among the not-yet-superseded reports of the
--          agency-years this run touched, the winner is a report with values over one without
--          (a worse file never hides a better one, issue 9), then a file of this run over older
--          ones, then the latest published, then the last path; the others are superseded by
--          it (and stay). Reports of unknown agencies without a region never take part: their
--          name alone cannot tell the agency. Returns the reports superseded, and whether each
--          is a file of this run that was kept out because nothing could be read from it.
-- grain: one row per superseded report
-- parameters: $run_started_at, $agency_ids
with candidates as (
    select
        r.report_id, r.agency_id, r.year, r.published_on, r.source_path,
        exists (select 1 from report_values as v where v.report_id = r.report_id) as has_values,
        r.parsed_at >= $run_started_at as is_new
    from current_reports as r
    join agencies as a using (agency_id)
    where r.year is not null
      and list_contains($agency_ids, r.agency_id)
      and (a.in_registry or r.region_printed is not null)
),
ranked as (
    select
        c.*,
        row_number() over (
            partition by c.agency_id, c.year
            order by c.has_values desc, c.is_new desc, c.published_on desc nulls last,
                     c.source_path desc
        ) as rn
    from candidates as c
),
winners as (
    select k.agency_id, k.year, k.report_id as winner, k.is_new as winner_is_new
    from ranked as k
    where k.rn = 1
),
losers as (
    select k.report_id, w.winner, k.is_new and not k.has_values and not w.winner_is_new as unread
    from ranked as k
    join winners as w using (agency_id, year)
    where k.rn > 1
),
final as (
    update reports as r
    set superseded_by = l.winner
    from losers as l
    where r.report_id = l.report_id
    returning r.report_id
)
select f.report_id, l.unread
from final as f
join losers as l using (report_id);

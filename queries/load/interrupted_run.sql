-- purpose: the run a private copy of the warehouse belongs to (none when the copy was never
--          marked: such a copy cannot be resumed), and how many reports it had loaded.
-- grain: one row (or none)
-- parameters: none
with run as (
    select
        max(case when key = 'run_base' then value end) as base,
        max(case when key = 'run_started_at' then value end)::timestamp as started_at,
        max(case when key = 'run_parser_version' then value end) as parser_version
    from meta
    where key in ('run_base', 'run_started_at', 'run_parser_version')
)
select
    run.base, run.started_at, run.parser_version,
    (select count(*) from reports as r where r.parsed_at >= run.started_at) as reports_loaded
from run
where run.base is not null and run.started_at is not null;

-- purpose: the files a warehouse (or a run's private copy) holds, by sha256, and whether the
--          run that started at $run_started_at loaded it (an interrupted run being resumed).
-- grain: one row per report
-- parameters: $run_started_at
select r.sha256, r.parsed_at >= $run_started_at as loaded_by_this_run
from reports as r;

-- purpose: the run is complete: its copy is about to become the warehouse, which never holds
--          the marks of a run in progress.
-- grain: rows deleted from meta
-- parameters: none
delete from meta where key in ('run_base', 'run_started_at', 'run_parser_version');

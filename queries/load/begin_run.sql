-- purpose: mark the run's private copy of the warehouse as an ingest in progress: which
--          warehouse file it was copied from, when the run started, and which parser reads
--          its files. A killed run's copy with these rows is resumed by the next run (issue 13).
-- grain: three rows written to meta
-- parameters: $base, $started_at, $parser_version
insert or replace into meta values
    ('run_base', $base),
    ('run_started_at', strftime($started_at, '%Y-%m-%d %H:%M:%S.%f')),
    ('run_parser_version', $parser_version);

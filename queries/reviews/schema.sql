-- purpose: the review store (SQLite, beside the warehouse): every decision a supervisor takes
--          on a finding, kept as history; the latest per finding is its status.
-- grain: one row per decision
-- parameters: none
create table if not exists decisions (
    id integer primary key autoincrement,
    finding_key text not null,       -- the same finding across re-ingests and supersedes
    agency_id text not null,
    year integer not null,
    rule text not null,
    status text not null check (status in ('待核实', '已通知', '已整改', '误报')),
    comment text not null default '',
    editor text not null,
    decided_at text not null         -- UTC, ISO 8601
);
create index if not exists decisions_by_finding on decisions (finding_key, id);
create index if not exists decisions_by_agency_year on decisions (agency_id, year);
-- 待归属 (issue 10): the registry agency an editor chose for a report file the registry could
-- not place, by the file's sha256 (the same file lands there again in any re-ingest); history
-- is kept, the latest per file holds.
create table if not exists placements (
    id integer primary key autoincrement,
    sha256 text not null,
    agency_id text not null,
    editor text not null,
    decided_at text not null         -- UTC, ISO 8601
);
create index if not exists placements_by_file on placements (sha256, id);
-- Agencies an editor added because the registry lacked them; every ingest loads them with the
-- registry's CSV files.
create table if not exists added_agencies (
    agency_id text primary key,
    name text not null,
    kind text not null,
    level text not null,
    district text,
    city text,
    province text,
    editor text not null,
    added_at text not null           -- UTC, ISO 8601
);

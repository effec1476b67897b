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

-- purpose: the warehouse's tables (raw layer): what ingest writes.
-- grain: agencies one row per agency; reports one per loaded file; report_values one per
--        printed cell; findings one per finding; narratives one per report section;
--        source_lines one per text line of a loaded file (a finding's evidence).
-- parameters: none
create table if not exists meta (                -- schema_version: see xxgk/warehouse.py
    key varchar primary key,
    value varchar
);
create table if not exists agencies (
    agency_id varchar primary key,
    name varchar not null,
    aliases varchar[],
    kind varchar,            -- 街道 / 乡镇 / 部门 / 政府
    level varchar,           -- 区县 / 市
    district varchar,
    city varchar,
    province varchar,
    in_registry boolean not null,
    synthetic boolean not null default false  -- an agency of the invented sample city
);
-- warehouses built before agencies said whether they are invented
alter table agencies add column if not exists synthetic boolean default false;
create table if not exists reports (
    report_id varchar primary key,   -- first 16 hex digits of the file's sha256
    agency_id varchar,
    year integer,
    template varchar,
    published_on date,
    format varchar,
    source_path varchar,
    sha256 varchar not null unique,
    synthetic boolean not null,
    superseded_by varchar,
    parsed_at timestamp not null,
    parser_version varchar not null,
    agency_printed varchar,          -- the agency as the report names itself
    region_printed varchar
);
create table if not exists report_sources (  -- reports the collector fetched (issue 14)
    report_id varchar primary key,
    url varchar not null,            -- the address the file came from, after redirects
    source_url varchar,              -- the address of SOURCES.csv (年报栏目 or report page)
    fetched_at timestamp             -- UTC
);
create table if not exists report_values (
    report_id varchar not null,
    key varchar not null,
    value double not null,           -- only printed cells: a blank cell has no row
    primary key (report_id, key)
);
create table if not exists findings (
    report_id varchar not null,
    rule varchar not null,
    severity varchar not null,
    message varchar,
    keys varchar[],
    location varchar,
    scope varchar not null           -- report (one file shows it) / warehouse (needs other years)
);
create table if not exists source_lines (
    report_id varchar not null,
    line integer not null,           -- 1-based: a finding's location "line N" is this line
    text varchar,
    primary key (report_id, line)
);
create table if not exists narratives (
    report_id varchar not null,
    section varchar not null,        -- overview / problems / other
    text varchar
);
create table if not exists value_keys (
    key varchar primary key,
    section integer,
    label_zh varchar,
    templates varchar[]
);

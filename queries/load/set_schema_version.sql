-- purpose: record which build of the schema (queries/build) this warehouse has; the dashboard
--          upgrades a warehouse whose version differs (xxgk/warehouse.py: SCHEMA_VERSION).
-- grain: one row written
-- parameters: $version
insert or replace into meta values ('schema_version', $version);

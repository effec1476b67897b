-- purpose: write the pivots the pages read (build/25_fact_tables.sql) from the current
--          reports: run at the end of every ingest, inside its transaction.
-- grain: none (tables replaced)
-- parameters: none
create or replace table fact_requests as select * from requests_pivot;
create or replace table fact_review_litigation as select * from review_litigation_pivot;
create or replace table fact_proactive as select * from proactive_pivot;
create or replace table fact_reports as select * from report_facts_pivot;
create or replace table fact_findings as select * from findings_keyed_pivot;

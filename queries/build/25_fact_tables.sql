-- purpose: the pivots every page reads, as tables (mart): written once per ingest by
--          load/materialise_facts.sql, so a query filters stored rows instead of re-pivoting every
--          value of the warehouse; these views keep the names queries use.
-- grain: as the pivots of 10_pivots.sql and 20_facts.sql
-- parameters: none
create table if not exists fact_requests as select * from requests_pivot limit 0;
create table if not exists fact_review_litigation as select * from review_litigation_pivot limit 0;
create table if not exists fact_proactive as select * from proactive_pivot limit 0;
create table if not exists fact_reports as select * from report_facts_pivot limit 0;
create table if not exists fact_findings as select * from findings_keyed_pivot limit 0;
create or replace view requests as select * from fact_requests;
create or replace view review_litigation as select * from fact_review_litigation;
create or replace view proactive as select * from fact_proactive;
create or replace view report_facts as select * from fact_reports;
create or replace view findings_keyed as select * from fact_findings;

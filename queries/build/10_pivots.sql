-- purpose: the design's pivots of report_values, as computed (written to tables at load by
--          load/materialise_facts.sql; pages read the tables, build/25_fact_tables.sql): requests (section 三, seven applicant columns),
--          review_litigation (section 四, five outcome columns), proactive (section 二, long).
-- grain: requests one row per current report × request row; review_litigation one per current
--        report × block; proactive one per current report × item × metric.
-- parameters: none
create or replace view requests_pivot as
with cells as (
    select v.report_id, split_part(v.key, '.', 2) as request_row, split_part(v.key, '.', 3) as col, v.value
    from report_values as v
    join current_reports as r using (report_id)
    where v.key like 'requests.%'
),
final as (
    select
        report_id, request_row,
        max(case when col = 'natural_person' then value end) as natural_person,
        max(case when col = 'commercial' then value end) as commercial,
        max(case when col = 'research' then value end) as research,
        max(case when col = 'social_org' then value end) as social_org,
        max(case when col = 'legal_service' then value end) as legal_service,
        max(case when col = 'other_org' then value end) as other_org,
        max(case when col = 'total' then value end) as total
    from cells
    group by report_id, request_row
)
select * from final;

create or replace view review_litigation_pivot as
with cells as (
    select v.report_id, split_part(v.key, '.', 1) as block, split_part(v.key, '.', 2) as col, v.value
    from report_values as v
    join current_reports as r using (report_id)
    where split_part(v.key, '.', 1) in ('review', 'litigation_direct', 'litigation_after_review')
),
final as (
    select
        report_id, block,
        max(case when col = 'maintained' then value end) as maintained,
        max(case when col = 'corrected' then value end) as corrected,
        max(case when col = 'other' then value end) as other,
        max(case when col = 'pending' then value end) as pending,
        max(case when col = 'total' then value end) as total
    from cells
    group by report_id, block
)
select * from final;

create or replace view proactive_pivot as
with final as (
    select v.report_id, r.template, split_part(v.key, '.', 2) as item, split_part(v.key, '.', 3) as metric, v.value
    from report_values as v
    join current_reports as r using (report_id)
    where v.key like 'proactive.%'
)
select * from final;

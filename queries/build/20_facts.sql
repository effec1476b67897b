-- purpose: one row per current report with every headline number of sections 三 and 四
--          (staging: long values pivoted; NULL where the report left the cell blank).
-- grain: one row per report that is not superseded
-- parameters: none
create or replace view report_facts_pivot as
with current as (
    select r.*, a.name as agency_name, a.kind, a.level, a.district, a.city, a.province
    from current_reports as r
    left join agencies as a using (agency_id)
),
totals as (
    select
        v.report_id,
        max(case when v.key = 'requests.new_received.total' then v.value end) as new_received,
        max(case when v.key = 'requests.carried_over.total' then v.value end) as carried_over,
        max(case when v.key = 'requests.granted.total' then v.value end) as granted,
        max(case when v.key = 'requests.partially_granted.total' then v.value end) as partially_granted,
        sum(case when starts_with(v.key, 'requests.denied_') and ends_with(v.key, '.total') then v.value end) as denied,
        sum(case when starts_with(v.key, 'requests.unable_') and ends_with(v.key, '.total') then v.value end) as unable,
        sum(case when starts_with(v.key, 'requests.rejected_') and ends_with(v.key, '.total') then v.value end) as rejected,
        sum(case when starts_with(v.key, 'requests.other') and ends_with(v.key, '.total') then v.value end) as other_outcome,
        max(case when v.key = 'requests.outcome_total.total' then v.value end) as outcome_total,
        max(case when v.key = 'requests.carried_forward.total' then v.value end) as carried_forward,
        max(case when v.key = 'requests.new_received.natural_person' then v.value end) as new_natural_person,
        max(case when v.key = 'review.maintained' then v.value end) as review_maintained,
        max(case when v.key = 'review.corrected' then v.value end) as review_corrected,
        max(case when v.key = 'review.other' then v.value end) as review_other,
        max(case when v.key = 'review.pending' then v.value end) as review_pending,
        max(case when v.key = 'review.total' then v.value end) as review_total,
        sum(case when v.key in ('litigation_direct.maintained', 'litigation_after_review.maintained') then v.value end) as litigation_maintained,
        sum(case when v.key in ('litigation_direct.corrected', 'litigation_after_review.corrected') then v.value end) as litigation_corrected,
        sum(case when v.key in ('litigation_direct.other', 'litigation_after_review.other') then v.value end) as litigation_other,
        sum(case when v.key in ('litigation_direct.pending', 'litigation_after_review.pending') then v.value end) as litigation_pending,
        sum(case when v.key in ('litigation_direct.total', 'litigation_after_review.total') then v.value end) as litigation_total
    from report_values as v
    group by v.report_id
),
flags as (
    select
        f.report_id,
        count(*) filter (where f.severity = 'error') as n_errors,
        count(*) filter (where f.severity = 'warning') as n_warnings,
        bool_or(f.rule = 'late-publication') as is_late
    from findings as f
    group by f.report_id
),
final as (
    select
        c.report_id, c.agency_id, c.agency_name, c.kind, c.level, c.district, c.city, c.province,
        c.year, c.template, c.published_on, c.format, c.source_path, c.synthetic,
        t.* exclude (report_id),
        coalesce(fl.n_errors, 0) as n_errors,
        coalesce(fl.n_warnings, 0) as n_warnings,
        coalesce(fl.is_late, false) as is_late
    from current as c
    left join totals as t using (report_id)
    left join flags as fl using (report_id)
)
select * from final;

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
        max(case when v.key = 'requests.new_received.commercial' then v.value end) as new_commercial,
        max(case when v.key = 'requests.new_received.research' then v.value end) as new_research,
        max(case when v.key = 'requests.new_received.social_org' then v.value end) as new_social_org,
        max(case when v.key = 'requests.new_received.legal_service' then v.value end) as new_legal_service,
        max(case when v.key = 'requests.new_received.other_org' then v.value end) as new_other_org,
        -- each reason behind 不予公开 / 无法提供 / 不予处理 (总计 column), for 办理结果's breakdown
        max(case when v.key = 'requests.denied_state_secret.total' then v.value end) as denied_state_secret,
        max(case when v.key = 'requests.denied_law_prohibited.total' then v.value end) as denied_law_prohibited,
        max(case when v.key = 'requests.denied_three_safeties.total' then v.value end) as denied_three_safeties,
        max(case when v.key = 'requests.denied_third_party.total' then v.value end) as denied_third_party,
        max(case when v.key = 'requests.denied_internal_affairs.total' then v.value end) as denied_internal_affairs,
        max(case when v.key = 'requests.denied_process_info.total' then v.value end) as denied_process_info,
        max(case when v.key = 'requests.denied_enforcement_file.total' then v.value end) as denied_enforcement_file,
        max(case when v.key = 'requests.denied_inquiry.total' then v.value end) as denied_inquiry,
        max(case when v.key = 'requests.unable_not_held.total' then v.value end) as unable_not_held,
        max(case when v.key = 'requests.unable_needs_creation.total' then v.value end) as unable_needs_creation,
        max(case when v.key = 'requests.unable_unclear.total' then v.value end) as unable_unclear,
        max(case when v.key = 'requests.rejected_petition.total' then v.value end) as rejected_petition,
        max(case when v.key = 'requests.rejected_duplicate.total' then v.value end) as rejected_duplicate,
        max(case when v.key = 'requests.rejected_publication.total' then v.value end) as rejected_publication,
        max(case when v.key = 'requests.rejected_excessive.total' then v.value end) as rejected_excessive,
        max(case when v.key = 'requests.rejected_confirmation.total' then v.value end) as rejected_confirmation,
        max(case when v.key = 'review.maintained' then v.value end) as review_maintained,
        max(case when v.key = 'review.corrected' then v.value end) as review_corrected,
        max(case when v.key = 'review.other' then v.value end) as review_other,
        max(case when v.key = 'review.pending' then v.value end) as review_pending,
        max(case when v.key = 'review.total' then v.value end) as review_total,
        sum(case when v.key in ('litigation_direct.maintained', 'litigation_after_review.maintained') then v.value end) as litigation_maintained,
        sum(case when v.key in ('litigation_direct.corrected', 'litigation_after_review.corrected') then v.value end) as litigation_corrected,
        sum(case when v.key in ('litigation_direct.other', 'litigation_after_review.other') then v.value end) as litigation_other,
        sum(case when v.key in ('litigation_direct.pending', 'litigation_after_review.pending') then v.value end) as litigation_pending,
        sum(case when v.key in ('litigation_direct.total', 'litigation_after_review.total') then v.value end) as litigation_total,
        -- how many values each table gave (none: the table could not be read; 未报送名单)
        count(*) filter (where starts_with(v.key, 'proactive.')) as n_proactive_values,
        count(*) filter (where starts_with(v.key, 'requests.')) as n_requests_values,
        count(*) filter (where starts_with(v.key, 'review.') or starts_with(v.key, 'litigation')) as n_review_values
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

-- The findings of the current reports, each with its review key (finding_key: hashing and
-- masking 10^5 messages costs ~0.5 s, so it is written once per ingest, issue 13).
create or replace view findings_keyed_pivot as
select f.*, finding_key(r.agency_id, r.year, f.rule, f.keys, f.message) as finding_key
from findings as f
join current_reports as r using (report_id);

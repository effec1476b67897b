-- purpose: new requests by applicant type (自然人, 商业企业 …) per year.
-- grain: one row per year per applicant column
-- parameters: $city, $districts, $kinds, $agency_ids, $year_from, $year_to, $sample, $city_level
-- pages: 申请量
with selected as (
    select * from selected_reports($city, $districts, $kinds, $agency_ids, $year_from, $year_to, $sample, $city_level)
),
cells as (
    select s.year, s.new_natural_person as natural_person, s.new_commercial as commercial,
           s.new_research as research, s.new_social_org as social_org,
           s.new_legal_service as legal_service, s.new_other_org as other_org
    from selected as s
),
long as (
    unpivot cells on natural_person, commercial, research, social_org, legal_service, other_org
    into name applicant value n_requests
),
final as (
    select l.year, l.applicant, sum(l.n_requests) as n_requests
    from long as l
    group by l.year, l.applicant
)
select * from final
order by year, applicant;

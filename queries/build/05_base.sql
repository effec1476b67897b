-- purpose: the reports that count, and how a district is spelled (staging). A file superseded
--          by a later one of the same agency
--          and year is kept for its history but never counted: every query that counts reads
--          this view, never reports with its own superseded_by test.
-- grain: one row per current report
-- parameters: none
create or replace view current_reports as
select * from reports
where superseded_by is null;

-- The 区县 an agency is counted under, as every page and download spells it: its district, its
-- city marked （市级） for a city-level agency (市政府 and its departments), （未归属） for a
-- report whose agency the registry does not place.
create or replace macro district_label(district, city) as
    coalesce(district, city || '（市级）', '（未归属）');

-- The key of a finding across files of one agency-year (xxgk/reviews.py: finding_key, which
-- this must equal — a test holds them together): the sorted cells it names, else its message
-- with the numbers masked.
create or replace macro finding_key(agency_id, year, rule, keys, message) as
    left(sha256(agency_id || '|' || year::varchar || '|' || rule || '|' ||
        case when len(coalesce(keys, [])) > 0 then array_to_string(list_sort(keys), ',')
             else regexp_replace(coalesce(message, ''), '\p{Nd}+(?:\.\p{Nd}+)?', '#', 'g') end),
        24);

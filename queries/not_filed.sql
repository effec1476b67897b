-- purpose: 未报送名单 — for one year, every registry agency in the filter that has no report, a
--          late one, or one whose tables could not be read (a whole table of 二, 三 or 四 without
--          a single value). One row per agency, named 名称（区县）: same-name agencies never merge.
-- grain: one row per registry agency with at least one of the three problems in $year
-- parameters: $city, $districts, $kinds, $agency_ids, $year, $sample, $city_level
-- pages: 数据质量
with agencies_in as (
    select * from selected_agencies($city, $districts, $kinds, $agency_ids, $sample, $city_level)
    where in_registry
),
labelled as (
    select a.*,
           agency_label(a.name, a.district, a.city, a.in_registry) as base_label
    from agencies_in as a
),
unique_labels as (
    select l.*,
           unique_agency_label(l.base_label, l.agency_id,
                               count(*) over (partition by l.base_label)) as agency_label
    from labelled as l
),
this_year as (
    select * from selected_reports($city, $districts, $kinds, $agency_ids, $year, $year, $sample, $city_level)
),
checked as (
    select
        u.agency_id, u.agency_label, u.name as agency_name, u.kind,
        district_label(u.district, u.city) as district,
        r.report_id, r.published_on,
        r.report_id is null as not_filed,
        coalesce(r.is_late, false) as is_late,
        r.report_id is not null and (coalesce(r.n_proactive_values, 0) = 0
                                     or coalesce(r.n_requests_values, 0) = 0
                                     or coalesce(r.n_review_values, 0) = 0) as tables_unread,
        concat_ws('、',
                  case when coalesce(r.n_proactive_values, 0) = 0 then '二、主动公开' end,
                  case when coalesce(r.n_requests_values, 0) = 0 then '三、收到和处理申请' end,
                  case when coalesce(r.n_review_values, 0) = 0 then '四、复议诉讼' end) as tables_missing
    from unique_labels as u
    left join this_year as r on r.agency_id = u.agency_id
),
final as (
    select
        agency_id, agency_label, agency_name, kind, district,
        case when not_filed then '未报送'
             else concat_ws('；',
                            case when is_late then '逾期发布' end,
                            case when tables_unread then '表格未能读取：' || tables_missing end)
        end as problem,
        published_on, report_id
    from checked
    where not_filed or is_late or tables_unread
)
select * from final
order by (problem = '未报送') desc, district, agency_label, agency_id;

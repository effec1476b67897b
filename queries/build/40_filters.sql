-- purpose: the dashboard's shared filter, as a table macro every read query selects from:
--          city, districts (multi), agency kinds (multi), agencies (multi), year range, which
--          data (sample: the invented sample reports, else the real ones — never both summed),
--          and whether city-level (市级) agencies count beside the districts.
--          An empty list means "all"; a null city means every city.
-- grain: one row per current report (report_facts) inside the filter
-- parameters: none (the macro's arguments are bound by each query's $params)
create or replace macro selected_reports(city, districts, kinds, agency_ids, year_from, year_to,
                                         sample, city_level) as table
    select f.*
    from report_facts as f
    where (city is null or f.city = city)
      and (len(districts) = 0 or list_contains(districts, f.district))
      and (len(kinds) = 0 or list_contains(kinds, f.kind))
      and (len(agency_ids) = 0 or list_contains(agency_ids, f.agency_id))
      and f.year between year_from and year_to
      and f.synthetic = sample
      and (city_level or f.level is distinct from '市');

create or replace macro selected_agencies(city, districts, kinds, agency_ids, sample,
                                          city_level) as table
    select a.*
    from agencies as a
    where (city is null or a.city = city)
      and (len(districts) = 0 or list_contains(districts, a.district))
      and (len(kinds) = 0 or list_contains(kinds, a.kind))
      and (len(agency_ids) = 0 or list_contains(agency_ids, a.agency_id))
      and a.synthetic = sample
      and (city_level or a.level is distinct from '市');

-- 名称（区县） as supervisors read an agency (its city for a city-level one, 未归属 outside the
-- registry without a place); with the agency id added where two agencies would read the same
-- (n_same: how many agencies of the list share the label).
create or replace macro agency_label(name, district, city, in_registry) as
    name || '（' || coalesce(district, city, case when in_registry then '市级' else '未归属' end) || '）';
create or replace macro unique_agency_label(label, agency_id, n_same) as
    case when n_same > 1 then label || ' [' || agency_id || ']' else label end;

-- purpose: how many current reports are synthetic (sample data) and how many real, for the
--          banner that says when invented data is shown.
-- grain: one row
-- parameters: none
-- pages: every page (banner)
with final as (
    select
        count(*) as n_reports,
        count(*) filter (where r.synthetic) as n_synthetic
    from reports as r
    where r.superseded_by is null
)
select * from final;

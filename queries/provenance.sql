-- purpose: how many current reports are synthetic (sample data) and how many real, and how many
--          of the real ones came with the embedded sample folder (the shipped seed report): the
--          dashboard shows real data by default once reports beyond those are loaded, and the
--          banner says what is shown.
-- grain: one row
-- parameters: $embedded_dir
-- pages: every page (banner, data switch)
with final as (
    select
        count(*) as n_reports,
        count(*) filter (where r.synthetic) as n_synthetic,
        count(*) filter (where not r.synthetic and starts_with(r.source_path, $embedded_dir))
            as n_real_embedded
    from current_reports as r
)
select * from final;

-- purpose: the dashboard's rates, defined once. Each takes sums over the selection (never an
--          average of per-report rates) and is NULL when its denominator is 0 or unknown.
-- grain: macros (no rows)
-- parameters: none
-- a ratio, NULL when the denominator is 0 or unknown
create or replace macro safe_rate(numerator, denominator) as
    case when denominator > 0 then numerator::double / denominator end;
-- 实质公开率 = (予以公开 + 部分公开) / （七）总计
create or replace macro substantive_rate(granted, partially_granted, outcome_total) as
    safe_rate(coalesce(granted, 0) + coalesce(partially_granted, 0), outcome_total);
-- 不予公开率 = Σ不予公开 / （七）总计
create or replace macro denial_rate(denied, outcome_total) as safe_rate(denied, outcome_total);
-- 无法提供率 = Σ无法提供 / （七）总计
create or replace macro unable_rate(unable, outcome_total) as safe_rate(unable, outcome_total);
-- 复议纠错率 (and 诉讼纠错率) = 结果纠正 / (结果维持 + 结果纠正 + 其他结果): decided cases only, 尚未审结 excluded
create or replace macro correction_rate(maintained, corrected, other) as
    safe_rate(corrected, coalesce(maintained, 0) + coalesce(corrected, 0) + coalesce(other, 0));

-- purpose: record one decision on one finding (a new row: history is kept).
-- grain: one row inserted
-- parameters: :finding_key, :agency_id, :year, :rule, :status, :comment, :editor, :decided_at
insert into decisions (finding_key, agency_id, year, rule, status, comment, editor, decided_at)
values (:finding_key, :agency_id, :year, :rule, :status, :comment, :editor, :decided_at);

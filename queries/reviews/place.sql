-- purpose: record that an editor placed one report file (by its sha256) with a registry agency.
-- grain: one row inserted
-- parameters: :sha256, :agency_id, :editor, :decided_at
insert into placements (sha256, agency_id, editor, decided_at)
values (:sha256, :agency_id, :editor, :decided_at);

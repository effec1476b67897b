-- purpose: add an agency the registry lacks (an editor's; adding the same id again keeps the first).
-- grain: one row inserted (or none when the agency is there already)
-- parameters: :agency_id, :name, :kind, :level, :district, :city, :province, :editor, :added_at
insert or ignore into added_agencies
    (agency_id, name, kind, level, district, city, province, editor, added_at)
values (:agency_id, :name, :kind, :level, :district, :city, :province, :editor, :added_at);

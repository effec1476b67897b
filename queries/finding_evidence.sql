-- purpose: a finding's evidence — the lines of the original text around the line it names.
-- grain: one row per line of the report between $line_from and $line_to
-- parameters: $report_id, $line_from, $line_to
select l.line, l.text
from source_lines as l
where l.report_id = $report_id
  and l.line between $line_from and $line_to
order by l.line;

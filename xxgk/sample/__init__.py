"""The sample corpus generator (an invented city's reports with their ground truth)."""

MANIFEST = "synthetic.csv"  # beside generated reports: every invented file's name (header: file)

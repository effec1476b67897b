"""What the parser will take on, so that a hostile or broken file costs bounded time and memory
(issue 9). A file past a limit gets one error finding saying which, and no values."""

DEFAULT_MAX_FILE_MB = 50  # a report is well under 10 MB, scanned PDFs included
DEFAULT_MAX_UNZIPPED_MB = 200  # a Word file's parts, decompressed (a zip bomb is far larger)
DEFAULT_MAX_PDF_PAGES = 200  # a report has 3–30 pages
DEFAULT_MAX_HTML_DEPTH = 2000  # nesting of HTML elements (real pages: under 100)
DEFAULT_MAX_TABLE_CELLS = 100_000  # cells of one table (the request table has 250)
MB = 1024 * 1024
DEFAULT_SECONDS_PER_FILE = 120.0  # a parse worker past this is killed and the file reported
DEFAULT_WORKER_MEMORY_MB = 4096  # address space of a parse worker (a bomb fails, not the machine)
INGEST_DUCKDB_MEMORY = "512MB"  # DuckDB's buffer cache while an ingest writes (it spills past it)

-- purpose: the records one cluster task wrote (xxgk/cluster.py): one Parquet file per batch of
--          files, each record the parse-output JSON of one file.
-- grain: one row per file
-- parameters: $path
select sha256, path, record
from read_parquet($path);

-- The raw database baseline: a table shaped and indexed like patients.patients (same columns and B-tree
-- indexes) for single-row inserts; the select runs against patients.patients itself by primary key.
DROP TABLE IF EXISTS bench_insert;
CREATE TABLE bench_insert (LIKE patients.patients INCLUDING ALL);

-- The deletion neighbourhood of the existing name vocabulary (see NameVocabulary.WordVariants: keep the rules alike).
-- Run by migration 202612030900_Patients_NameVariants and by bench/patients-bulk.sql; part of a merged migration, so never edit.
WITH words AS (
    SELECT DISTINCT n.tenant_id, n.kind, n.key, w.word
    FROM patients.patient_name_keys n, regexp_split_to_table(n.key, ' ') AS w(word)
    WHERE length(w.word) >= 3),
one AS (
    SELECT w.tenant_id, w.kind, w.key, w.word, overlay(w.word PLACING '' FROM i FOR 1) AS variant
    FROM words w, generate_series(1, length(w.word)) AS i),
two AS (
    SELECT o.tenant_id, o.kind, o.key, overlay(o.variant PLACING '' FROM j FOR 1) AS variant
    FROM one o, generate_series(1, length(o.variant)) AS j
    WHERE length(o.word) BETWEEN 6 AND 20)
INSERT INTO patients.patient_name_variants (tenant_id, kind, variant, key)
SELECT tenant_id, kind, word, key FROM words
UNION SELECT tenant_id, kind, variant, key FROM one
UNION SELECT tenant_id, kind, variant, key FROM two
ON CONFLICT DO NOTHING;

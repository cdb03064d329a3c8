-- Prints a pgbench script: one single-row insert into bench_insert with the :template patient's values, a new id
-- and MRN per transaction.
SELECT '\set g random(1, 2000000000)';
SELECT format('INSERT INTO bench_insert (%s) VALUES (%s);',
  string_agg(quote_ident(c.column_name), ', ' ORDER BY c.ordinal_position),
  string_agg(CASE c.column_name
      WHEN 'id' THEN $$md5('insert' || :g || random())::uuid$$
      WHEN 'mrn' THEN $$'I' || :g$$
      ELSE coalesce(quote_literal(j.value) || '::' || c.udt_name, 'NULL') END, ', ' ORDER BY c.ordinal_position))
FROM information_schema.columns AS c
JOIN json_each_text((SELECT row_to_json(p) FROM patients.patients AS p WHERE id = :'template')) AS j ON j.key = c.column_name
WHERE c.table_schema = 'patients' AND c.table_name = 'patients';

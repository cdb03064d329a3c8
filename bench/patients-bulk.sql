-- Bulk path for the benchmark: :n patients in the demo tenant, each a copy of the :template patient (registered
-- through the API, so every JSON column has the service's own shape) with its own id, MRN, name, birth date and
-- gender. Ids are md5('bench' || g) so pgbench can select them by primary key. Names are built from syllables
-- (about 27,000 families) and 40 given names; the search keys are lower-case ASCII, as NameKeys makes them.
CREATE TEMP TABLE syllables AS
  SELECT ordinality::int - 1 AS i, s
  FROM unnest(ARRAY['an','ber','cal','dor','el','fen','gar','hol','is','jan','kor','lin','mar','nor','ol',
                    'pet','quin','ros','sal','tor','ul','van','wil','xan','yor','zel','bra','cro','dun','fal'])
       WITH ORDINALITY AS t(s, ordinality);
CREATE TEMP TABLE givens AS
  SELECT ordinality::int - 1 AS i, s
  FROM unnest(ARRAY['James','Mary','John','Patricia','Robert','Jennifer','Michael','Linda','William','Elizabeth',
                    'David','Barbara','Richard','Susan','Joseph','Jessica','Thomas','Sarah','Charles','Karen',
                    'Ahmed','Fatima','Wei','Mei','Carlos','Lucia','Pierre','Amelie','Hans','Greta',
                    'Ivan','Olga','Kenji','Yuki','Ravi','Priya','Kofi','Amara','Sean','Niamh'])
       WITH ORDINALITY AS t(s, ordinality);

SELECT format($sql$
  INSERT INTO patients.patients (%s)
  SELECT %s
  FROM generate_series(1, %s) AS g
  CROSS JOIN LATERAL (
    SELECT initcap((SELECT s FROM syllables WHERE i = (hashint4(g) & 2147483647) %% 30)
                || (SELECT s FROM syllables WHERE i = (hashint4(g + 1) & 2147483647) %% 30)
                || (SELECT s FROM syllables WHERE i = (hashint4(g + 2) & 2147483647) %% 30)) AS family,
           (SELECT s FROM givens WHERE i = (hashint4(g + 3) & 2147483647) %% 40) AS given) AS f
  CROSS JOIN (SELECT * FROM patients.patients WHERE id = %L) AS t
  $sql$,
  string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position),
  string_agg(CASE column_name
      WHEN 'id' THEN $$md5('bench' || g)::uuid$$
      WHEN 'mrn' THEN $$'B' || lpad(g::text, 8, '0')$$
      WHEN 'name' THEN $$jsonb_set(jsonb_set(t.name::jsonb, '{family}', to_jsonb(f.family)), '{given}', jsonb_build_array(f.given))::text$$
      WHEN 'family_key' THEN 'lower(f.family)'
      WHEN 'given_key' THEN 'lower(f.given)'
      WHEN 'birth_date' THEN $$date '1930-01-01' + (hashint4(g + 4) & 2147483647) % 32000$$
      ELSE 't.' || quote_ident(column_name) END, ', ' ORDER BY ordinal_position),
  :n, :'template')
FROM information_schema.columns
WHERE table_schema = 'patients' AND table_name = 'patients'
\gexec

-- Typo-tolerant search looks names up in the tenant's name vocabulary first, so the bulk rows' names go there too.
INSERT INTO patients.patient_name_keys (tenant_id, kind, key)
SELECT DISTINCT tenant_id, 'family', family_key FROM patients.patients WHERE family_key <> ''
UNION SELECT DISTINCT tenant_id, 'given', given_key FROM patients.patients WHERE given_key <> ''
ON CONFLICT DO NOTHING;

-- Typo search probes the deletion neighbourhood of those names; the migration's own backfill fills it.
\ir ../src/HealthCore/Modules/Patients/Migrations/202612030900_Patients_NameVariants.postgres.sql

VACUUM ANALYZE patients.patients;
VACUUM ANALYZE patients.patient_name_keys;
VACUUM ANALYZE patients.patient_name_variants;

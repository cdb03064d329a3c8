\set k random(1, :rows)
SELECT * FROM patients.patients WHERE id = md5('bench' || :k)::uuid;

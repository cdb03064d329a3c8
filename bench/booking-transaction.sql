-- The booking transaction without HTTP, JSON, audit or outbox: the patient lock, the one upsert that takes a place in
-- the slot row (as SlotLedger does), and the appointment insert when the place was won. :resource, :slot and :patient
-- are set by booking.sh per scenario (10 hot slots with :capacity places each, or thousands of single-place slots).
\set patient random(1, 600)
\set pick random(0, :slots - 1)
BEGIN;
SELECT pg_advisory_xact_lock(1548615681, :patient);
WITH taken AS (
  INSERT INTO scheduling.slot_usage AS u (tenant_id, resource_key, starts_at, booked, capacity)
  VALUES (':tenant', ':prefix' || (:pick % :resources), '2031-01-01T00:00:00Z'::timestamptz + (:pick / :resources) * interval '30 minutes', 1, :capacity)
  ON CONFLICT (tenant_id, resource_key, starts_at) DO UPDATE SET booked = u.booked + 1, capacity = excluded.capacity
  WHERE u.booked < excluded.capacity
  RETURNING 1)
SELECT count(*) AS won FROM taken \gset
\if :won
INSERT INTO scheduling.appointments (id, tenant_id, version, patient_id, schedule_id, department_id, resource_key, starts_at, ends_at,
  type, status, overbooked, created_at, status_changed_at)
VALUES (gen_random_uuid(), ':tenant', 0, gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), ':prefix' || (:pick % :resources),
  '2031-01-01T00:00:00Z'::timestamptz + (:pick / :resources) * interval '30 minutes',
  '2031-01-01T00:30:00Z'::timestamptz + (:pick / :resources) * interval '30 minutes', 'FollowUp', 'Booked', false, now(), now());
\endif
COMMIT;

-- The raw write behind POST /encounters/{id}/vitals: read the encounter, insert one complete set (the service adds its
-- validation, NEWS2, audit entry and outbox event on top).
BEGIN;
SELECT status, facility_id FROM clinical.encounters WHERE tenant_id = ':tenant' AND id = ':encounter';
INSERT INTO clinical.vitals_observations (id, tenant_id, version, patient_id, encounter_id, facility_id, effective_at, recorded_at,
  status, temperature, heart_rate, respiratory_rate, systolic_blood_pressure, diastolic_blood_pressure, oxygen_saturation,
  on_supplemental_oxygen, sp_o2_scale, consciousness, pain_score, interpretations, news2_sub_scores, news2_aggregate, news2_risk)
VALUES (gen_random_uuid(), ':tenant', 1, ':patient', ':encounter', ':facility', now(), now(),
  'final', 37.2, 88, 16, 124, 78, 97, false, 'scale1', 'alert', 2, '{}', '{}', 0, 'low');
COMMIT;

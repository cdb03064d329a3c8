-- The raw reads behind the first page of GET /patients/{id}/timeline?limit=50: each kind's newest 51 rows of the
-- patient (the service asks every source for one more than the page), merged newest first.
SELECT kind, id, occurred_at FROM (
  (SELECT 'appointment' AS kind, a.id, a.starts_at AS occurred_at FROM scheduling.appointments a
    WHERE a.tenant_id = ':tenant' AND a.patient_id = ':patient' AND a.status NOT IN ('Offered', 'Expired')
    ORDER BY a.starts_at DESC, a.id DESC LIMIT 51)
  UNION ALL
  (SELECT 'encounter', e.id, e.starts_at FROM clinical.encounters e
    WHERE e.tenant_id = ':tenant' AND e.patient_id = ':patient' AND e.status <> 'EnteredInError'
    ORDER BY e.starts_at DESC, e.id DESC LIMIT 51)
  UNION ALL
  (SELECT lower(m.type), m.id, m.occurred_at FROM admissions.admission_events m
    WHERE m.tenant_id = ':tenant' AND m.patient_id = ':patient'
    ORDER BY m.occurred_at DESC, m.id DESC LIMIT 51)
  UNION ALL
  (SELECT 'vitals', v.id, v.effective_at FROM clinical.vitals_observations v
    WHERE v.tenant_id = ':tenant' AND v.patient_id = ':patient' AND v.status <> 'EnteredInError'
      AND NOT EXISTS (SELECT 1 FROM clinical.encounters e WHERE e.id = v.encounter_id AND e.status = 'EnteredInError')
    ORDER BY v.effective_at DESC, v.id DESC LIMIT 51)
  UNION ALL
  (SELECT 'note', n.id, n.created_at FROM clinical.notes n
    JOIN clinical.note_versions nv ON nv.note_id = n.id AND nv.number = n.current_version
    WHERE n.tenant_id = ':tenant' AND n.patient_id = ':patient'
    ORDER BY n.created_at DESC, n.id DESC LIMIT 51)
  UNION ALL
  (SELECT 'diagnosis', d.id, d.recorded_at FROM clinical.diagnoses d
    WHERE d.tenant_id = ':tenant' AND d.patient_id = ':patient' AND d.verification_status <> 'EnteredInError'
    ORDER BY d.recorded_at DESC, d.id DESC LIMIT 51)
) page ORDER BY occurred_at DESC, kind, id DESC LIMIT 51;

-- The raw read behind GET /patients/{id}/timeline?kind=vitals&limit=50 one page deep: the 51 vitals sets after the
-- first page's last one (:at, :after), newest first.
SELECT v.id, v.effective_at, v.news2_aggregate, v.news2_risk FROM clinical.vitals_observations v
WHERE v.tenant_id = ':tenant' AND v.patient_id = ':patient' AND v.status <> 'EnteredInError'
  AND NOT EXISTS (SELECT 1 FROM clinical.encounters e WHERE e.id = v.encounter_id AND e.status = 'EnteredInError')
  AND (v.effective_at < ':at' OR (v.effective_at = ':at' AND v.id < ':after'))
ORDER BY v.effective_at DESC, v.id DESC LIMIT 51;

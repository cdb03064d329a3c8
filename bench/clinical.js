// Clinical load against a running HealthCore. Setup through the API: a Doctor user, one patient with ENCOUNTERS
// encounters and OBSERVATIONS vitals sets spread over the past two years, and WRITERS other patients with one open
// encounter each. Then CONNECTIONS clients, one scenario at a time for DURATION seconds:
//   record vitals:   POST /api/v1/encounters/{id}/vitals on a random writer encounter (a complete NEWS2 set);
//   timeline:        GET  /api/v1/patients/{big}/timeline?limit=50, the first page across every kind;
//   timeline vitals: the same filtered to kind=vitals, one page deep into the history (following the first cursor).
// Prints one JSON line per scenario on stdout, and the ids the raw-database comparison needs in $IDS_OUT.
'use strict';
const fs = require('fs');
const { api, inParallel, letters, measure } = require('./http-load');

const adminToken = process.env.TOKEN;
const connections = Number(process.env.CONNECTIONS || 16);
const duration = Number(process.env.DURATION || 20);
const encountersWanted = Number(process.env.ENCOUNTERS || 200);
const observationsWanted = Number(process.env.OBSERVATIONS || 2000);
const writersWanted = Number(process.env.WRITERS || 100);
const between = (low, high) => Math.round((low + Math.random() * (high - low)) * 10) / 10;

function vitalsSet(effectiveAt) {
  return {
    temperature: between(36.0, 38.6), heartRate: Math.round(between(55, 120)), respiratoryRate: Math.round(between(11, 24)),
    systolicBloodPressure: Math.round(between(95, 160)), diastolicBloodPressure: Math.round(between(55, 85)),
    oxygenSaturation: Math.round(between(91, 100)), onSupplementalOxygen: Math.random() < 0.1, consciousness: 'alert',
    painScore: Math.round(between(0, 6)), ...(effectiveAt ? { effectiveAt } : {}),
  };
}

async function setUp() {
  const run = Date.now().toString(36).replace(/[0-9]/g, '');
  const facilities = await api(adminToken, 'GET', '/api/v1/facilities');
  const facilityId = (facilities.items ?? facilities)[0].id;
  const department = await api(adminToken, 'POST', '/api/v1/departments', {
    name: 'Bench Medicine', code: `bench-med-${run}`, type: 'clinical', facilityId,
  });
  const password = `Bench-Doctor-Passphrase-${run}-${Math.random().toString(36).slice(2)}`;
  await api(adminToken, 'POST', '/api/v1/users', {
    username: `bench.doctor.${run}`, displayName: 'Bench Doctor', password, roles: ['Doctor'], facilityIds: [facilityId],
  });
  const token = (await api(null, 'POST', '/api/v1/auth/login', { tenant: 'demo', username: `bench.doctor.${run}`, password })).accessToken;
  const patient = (i) => api(adminToken, 'POST', '/api/v1/patients', {
    name: { family: `Chart${letters(i)}${run}`, given: ['Pat'] }, birthDate: '1950-06-15', gender: 'female', confirmNotDuplicate: true,
  });
  const encounter = (patientId, arrivedAt) => api(token, 'POST', '/api/v1/encounters', {
    patientId, class: 'ambulatory', departmentId: department.id, status: 'arrived', ...(arrivedAt ? { arrivedAt } : {}),
    reason: { text: 'Follow-up' },
  });

  const big = (await patient(0)).id;
  const day = 24 * 3600 * 1000;
  const start = Date.now() - 730 * day;
  const visits = await inParallel(encountersWanted, 8, async (i) => {
    const arrivedAt = start + i * (725 * day / encountersWanted);
    return { id: (await encounter(big, new Date(arrivedAt).toISOString())).id, arrivedAt };
  });
  await inParallel(observationsWanted, 8, async (i) => {
    const visit = visits[i % visits.length];
    const at = new Date(visit.arrivedAt + (Math.floor(i / visits.length) + 1) * 15 * 60000).toISOString();
    await api(token, 'POST', `/api/v1/encounters/${visit.id}/vitals`, vitalsSet(at));
  });
  const writers = await inParallel(writersWanted, 8, async (i) => {
    const id = (await patient(i + 1)).id;
    return { patientId: id, encounterId: (await encounter(id)).id };
  });
  const firstVitalsPage = await api(token, 'GET', `/api/v1/patients/${big}/timeline?kind=vitals&limit=50`);
  return { token, big, writers, deepCursor: firstVitalsPage.nextCursor, facilityId };
}

(async () => {
  const setup = await setUp();
  if (process.env.IDS_OUT) {
    fs.writeFileSync(process.env.IDS_OUT, `${setup.big} ${setup.writers[0].patientId} ${setup.writers[0].encounterId} ${setup.facilityId}\n`);
  }
  const pick = (list) => list[Math.floor(Math.random() * list.length)];
  const common = { token: setup.token, connections, duration };
  console.log(JSON.stringify(await measure({
    ...common, name: 'record vitals', method: 'POST', body: () => vitalsSet(), path: () => `/api/v1/encounters/${pick(setup.writers).encounterId}/vitals`,
  })));
  console.log(JSON.stringify(await measure({ ...common, name: 'timeline', path: `/api/v1/patients/${setup.big}/timeline?limit=50` })));
  console.log(JSON.stringify(await measure({
    ...common, name: 'timeline vitals page 2', path: `/api/v1/patients/${setup.big}/timeline?kind=vitals&limit=50&cursor=${encodeURIComponent(setup.deepCursor)}`,
  })));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});

// Laboratory load against a running HealthCore. Setup through the API: a Doctor, a Lab Technician and a Pathologist,
// a 20-analyte panel (the comprehensive metabolic panel, the lipid panel, HbA1c and TSH), PATIENTS patients with an
// encounter each, OPEN open laboratory orders of mixed priority on the worklist, and ENTRIES orders of the panel whose
// specimen was collected and received. Then CONNECTIONS clients, one scenario at a time for DURATION seconds:
//   enter panel:   POST /api/v1/lab/orders/{id}/results, the 20 analytes of one received order (each order once);
//   verify panel:  POST /api/v1/lab/reports/{id}/verify by the pathologist, each report just entered once;
//   worklist:      GET  /api/v1/lab/orders?limit=50, the first page of the open worklist (stat first);
//   worklist stat: GET  /api/v1/lab/orders?priority=stat&status=awaitingCollection&limit=50.
// Prints one JSON line per scenario on stdout.
'use strict';
const { execSync } = require('child_process');
const { api, inParallel, letters, measure } = require('./http-load');

const adminToken = process.env.TOKEN;
const connections = Number(process.env.CONNECTIONS || 16);
const duration = Number(process.env.DURATION || 20);
const patientsWanted = Number(process.env.PATIENTS || 100);
const openWanted = Number(process.env.OPEN || 5000);
const entriesWanted = Number(process.env.ENTRIES || 1500);
const panelMembers = ['24323-8', '57698-3', '4548-4', '3016-3'];
const priorities = ['routine', 'routine', 'routine', 'urgent', 'asap', 'stat'];

async function user(run, role, facilityId) {
  const username = `bench.${role.toLowerCase()}.${run}`;
  const password = `Bench-${role}-Passphrase-${run}-${Math.random().toString(36).slice(2)}`;
  const created = await api(adminToken, 'POST', '/api/v1/users', { username, displayName: `Bench ${role}`, password, roles: [role], facilityIds: [facilityId] });
  return { id: created.id, token: (await api(null, 'POST', '/api/v1/auth/login', { tenant: 'demo', username, password })).accessToken };
}

// A value in the middle of the adult range (or 1 where there is none), in the test's unit: every result normal.
async function normalResults(token, panel) {
  const expanded = (await api(token, 'GET', `/api/v1/lab/tests/${panel}`)).expandedTests;
  return Promise.all(expanded.map(async (code) => {
    const test = await api(token, 'GET', `/api/v1/lab/tests/${code}`);
    const range = test.ranges.find((r) => r.sex === 'any' && r.low != null && r.high != null);
    const value = range ? Math.round(((range.low + range.high) / 2) * 100) / 100 : 1;
    return { code, valueQuantity: { value, unit: test.unit } };
  }));
}

async function setUp() {
  const run = Date.now().toString(36).replace(/[0-9]/g, '');
  const facilities = await api(adminToken, 'GET', '/api/v1/facilities');
  const facilityId = (facilities.items ?? facilities)[0].id;
  const department = await api(adminToken, 'POST', '/api/v1/departments', {
    name: 'Bench Laboratory', code: `bench-lab-${run}`, type: 'clinical', facilityId,
  });
  const doctorUser = await user(run, 'Doctor', facilityId);
  const [doctor, technician, pathologist] = [doctorUser.token, (await user(run, 'LabTechnician', facilityId)).token, (await user(run, 'Pathologist', facilityId)).token];
  // Orders are requested by the practitioner linked to the doctor's account.
  await api(adminToken, 'POST', '/api/v1/practitioners', {
    name: { family: 'Bench', given: ['Doctor'] }, role: 'physician', userId: doctorUser.id, departments: [{ departmentId: department.id }],
  });
  const panel = `BENCH-${run}`.toUpperCase().slice(0, 20);
  await api(adminToken, 'PUT', `/api/v1/lab/tests/${panel}`, { display: 'Bench 20-analyte panel', kind: 'panel', members: panelMembers });
  const results = await normalResults(doctor, panel);
  if (results.length !== 20) throw new Error(`the bench panel has ${results.length} analytes, not 20`);

  const encounters = await inParallel(patientsWanted, 8, async (i) => {
    const patient = await api(adminToken, 'POST', '/api/v1/patients', {
      name: { family: `Lab${letters(i)}${run}`, given: ['Pat'] }, birthDate: '1960-03-10', gender: i % 2 ? 'male' : 'female', confirmNotDuplicate: true,
    });
    return (await api(doctor, 'POST', '/api/v1/encounters', {
      patientId: patient.id, class: 'ambulatory', departmentId: department.id, status: 'arrived', reason: { text: 'Blood tests' },
    })).id;
  });
  const order = (i, code, priority) => api(doctor, 'POST', '/api/v1/orders', {
    encounterId: encounters[i % encounters.length], category: 'laboratory', priority, status: 'active', acknowledgeDuplicate: true,
    items: [{ system: 'http://loinc.org', code }], performerDepartmentId: department.id,
  });
  console.error(`placing ${openWanted} open orders`);
  await inParallel(openWanted, 8, (i) => order(i, i % 3 ? '2823-3' : '58410-2', priorities[i % priorities.length]));
  console.error(`placing, collecting and receiving ${entriesWanted} panel orders`);
  const entries = await inParallel(entriesWanted, 8, async (i) => {
    const placed = await order(i, panel, 'routine');
    const specimen = await api(technician, 'POST', `/api/v1/lab/orders/${placed.id}/specimens`, {});
    await api(technician, 'POST', `/api/v1/lab/specimens/${specimen.id}/receive`, { condition: 'satisfactory' });
    return { orderId: placed.id, itemId: placed.items[0].id };
  });
  // The worklist fills from OrderPlaced through the outbox: wait until the laboratory holds every order placed.
  const wanted = openWanted + entriesWanted;
  for (let waited = 0; process.env.REQUESTS_COUNT && waited < 300; waited += 2) {
    const count = Number(execSync(process.env.REQUESTS_COUNT).toString().trim());
    if (count >= wanted) break;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  return { technician, pathologist, results, entries };
}

(async () => {
  const setup = await setUp();
  const common = { connections, duration };
  const toEnter = [...setup.entries];
  let current = null;
  const entered = [];
  console.log(JSON.stringify(await measure({
    ...common, token: setup.technician, name: 'enter 20-analyte panel', method: 'POST',
    path: () => { current = toEnter.pop() ?? current; entered.push(current); return `/api/v1/lab/orders/${current.orderId}/results`; },
    body: () => ({ itemId: current.itemId, results: setup.results }),
  })));
  const reports = await inParallel(new Set(entered).size, 8, async (i) => {
    const page = await api(setup.pathologist, 'GET', `/api/v1/lab/reports?orderId=${[...new Set(entered)][i].orderId}`);
    return page.items[0]?.id;
  });
  const toVerify = reports.filter(Boolean);
  let report = null;
  // Each report is verified once: as many requests as there are reports, not a duration.
  console.log(JSON.stringify(await measure({
    ...common, amount: toVerify.length, token: setup.pathologist, name: 'verify 20-analyte panel', method: 'POST',
    path: () => { report = toVerify.pop() ?? report; return `/api/v1/lab/reports/${report}/verify`; }, body: () => ({}),
  })));
  console.log(JSON.stringify(await measure({ ...common, token: setup.technician, name: 'worklist first page', path: '/api/v1/lab/orders?limit=50' })));
  console.log(JSON.stringify(await measure({
    ...common, token: setup.technician, name: 'worklist stat awaiting collection', path: '/api/v1/lab/orders?priority=stat&status=awaitingCollection&limit=50',
  })));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});

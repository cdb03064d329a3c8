// Booking load against a running HealthCore: sets up a department, practitioners, schedules and patients through the
// API as the bootstrap admin, then drives POST /api/v1/appointments with autocannon in two scenarios:
//   hot:  every client books one of 10 slots of one resource (capacity HOT_CAPACITY each): contention on 10 rows;
//   many: every client books a random slot among thousands (PRACTITIONERS practitioners, capacity 1).
// Prints one JSON object per scenario on stdout (throughput, latency percentiles from every response, outcome counts).
'use strict';
const { api, inParallel, letters, measure } = require('./http-load');

const password = process.env.ADMIN_PASSWORD;
const connections = Number(process.env.CONNECTIONS || 64);
const duration = Number(process.env.DURATION || 15);
const patientsWanted = Number(process.env.PATIENTS || 600);
const practitionersWanted = Number(process.env.PRACTITIONERS || 20);
const hotCapacity = Number(process.env.HOT_CAPACITY || 40);
const days = 14;

function utcDate(offsetDays) {
  const d = new Date();
  d.setUTCHours(0, 0, 0, 0);
  d.setUTCDate(d.getUTCDate() + offsetDays);
  return d;
}

async function setUp() {
  const login = await api(null, 'POST', '/api/v1/auth/login', { tenant: 'demo', username: 'admin', password });
  const token = login.accessToken;
  const run = Date.now().toString(36);
  const facilities = await api(token, 'GET', '/api/v1/facilities');
  const department = await api(token, 'POST', '/api/v1/departments', {
    name: 'Bench Outpatients', code: `bench-${run}`, type: 'clinical', facilityId: (facilities.items ?? facilities)[0].id,
  });
  const effectiveFrom = utcDate(0).toISOString().slice(0, 10);
  const allDays = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
  const practitioners = await inParallel(practitionersWanted + 1, 4, async (i) => {
    const p = await api(token, 'POST', '/api/v1/practitioners', { name: { family: `Bench${letters(i)}`, given: ['Doc'] }, role: 'physician' });
    await api(token, 'POST', '/api/v1/schedules', {
      practitionerId: p.id, departmentId: department.id, daysOfWeek: allDays, startTime: '00:00', endTime: '23:30', slotMinutes: 30,
      capacity: i === 0 ? hotCapacity : 1, effectiveFrom, timeZone: 'UTC',
    });
    return p.id;
  });
  const patients = await inParallel(patientsWanted, 8, async (i) => (await api(token, 'POST', '/api/v1/patients', {
    name: { family: `Load${letters(i)}${run.replace(/[0-9]/g, '')}`, given: ['Pat'] }, birthDate: '1970-01-01', gender: 'other', confirmNotDuplicate: true,
  })).id);
  return { token, departmentId: department.id, hot: practitioners[0], many: practitioners.slice(1), patients };
}

async function load(name, setup, pick) {
  const result = await measure({
    name, method: 'POST', path: '/api/v1/appointments', token: setup.token, connections, duration,
    body: () => {
      const { practitionerId, startsAt } = pick();
      const patientId = setup.patients[Math.floor(Math.random() * setup.patients.length)];
      return { patientId, practitionerId, departmentId: setup.departmentId, startsAt, type: 'followUp' };
    },
  });
  return { ...result, bookedPerSecond: Math.round((result.outcomes['201'] || 0) / duration) };
}

(async () => {
  const setup = await setUp();
  // bench/booking.sh PROFILE=1 starts its trace on this line: the load, not the setup.
  console.error('LOAD STARTS');
  const hotDay = utcDate(2);
  const hotSlots = Array.from({ length: 10 }, (_, i) => new Date(hotDay.getTime() + (9 * 60 + 30 * i) * 60000).toISOString());
  const hot = await load('hot: 10 slots', setup, () => ({
    practitionerId: setup.hot, startsAt: hotSlots[Math.floor(Math.random() * hotSlots.length)],
  }));
  console.log(JSON.stringify(hot));
  const first = utcDate(1).getTime();
  const many = await load(`many: ${practitionersWanted * days * 47} slots`, setup, () => ({
    practitionerId: setup.many[Math.floor(Math.random() * setup.many.length)],
    startsAt: new Date(first + (Math.floor(Math.random() * days) * 1440 + Math.floor(Math.random() * 47) * 30) * 60000).toISOString(),
  }));
  console.log(JSON.stringify(many));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});

// Drives the patient endpoints with autocannon. Modes:
//   template  registers one patient through the API and prints its id (the shape the bulk load copies)
//   warmup    runs every scenario for WARMUP seconds in total (JIT, pools, caches)
//   measure   runs each scenario for DURATION seconds and prints one JSON line per scenario (with its status codes)
//   only      the same for the scenario named in SCENARIO
'use strict';
const autocannon = require('autocannon');
const fs = require('fs');

const base = process.env.BASE_URL;
const headers = { authorization: `Bearer ${process.env.TOKEN}`, 'content-type': 'application/json' };
const connections = Number(process.env.CONNECTIONS || 16);
const letters = 'abcdefghijklmnopqrstuvwxyz';
const pick = (list) => list[Math.floor(Math.random() * list.length)];
const randomWord = (length) => Array.from({ length }, () => pick(letters)).join('');
const lines = (file) => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);

const commonGiven = ['James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth',
  'Maria', 'Ahmed', 'Wei', 'Olga', 'Fatima', 'Jose', 'Anna', 'Mohammed', 'Sofia', 'Luca'];

function newPatient(families) {
  // Random dates and phones, so the duplicate check runs and finds nothing. With a family-name sample the names are
  // ones the registry already knows (most new patients share a surname with someone registered before); without it
  // both names are new words, the worst case for the name vocabulary and its deletion neighbourhood.
  const family = families ? pick(families) : `Bench${randomWord(8)}`;
  const given = families ? pick(commonGiven) : `Load${randomWord(6)}`;
  const year = 1930 + Math.floor(Math.random() * 90);
  const day = String(1 + Math.floor(Math.random() * 28)).padStart(2, '0');
  const month = String(1 + Math.floor(Math.random() * 12)).padStart(2, '0');
  return JSON.stringify({
    name: { family, given: [given] },
    birthDate: `${year}-${month}-${day}`,
    gender: pick(['male', 'female']),
    telecom: [{ system: 'phone', value: `+1415${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}` }],
  });
}

function withTypo(word) {
  // One wrong letter in the middle of the name: what a hurried clerk types.
  const at = 1 + Math.floor(Math.random() * (word.length - 2));
  const replacement = pick(letters.replace(word[at], ''));
  return word.slice(0, at) + replacement + word.slice(at + 1);
}

function scenarios() {
  const ids = lines(process.env.IDS_FILE);
  const families = lines(process.env.FAMILIES_FILE);
  return {
    'register patient': { method: 'POST', setupRequest: (r) => ({ ...r, path: '/api/v1/patients', body: newPatient(families) }) },
    'register patient, new names': { method: 'POST', setupRequest: (r) => ({ ...r, path: '/api/v1/patients', body: newPatient() }) },
    'read patient by id': { method: 'GET', setupRequest: (r) => ({ ...r, path: `/api/v1/patients/${pick(ids)}` }) },
    'search family-name prefix': { method: 'GET', setupRequest: (r) => ({ ...r, path: `/api/v1/patients?family=${pick(families).slice(0, 4)}&limit=20` }) },
    'search with one typo': { method: 'GET', setupRequest: (r) => ({ ...r, path: `/api/v1/patients?family=${withTypo(pick(families))}&limit=20` }) },
  };
}

// autocannon reports no p95, so every response time is kept and the percentiles are computed here.
function run(request, duration) {
  return new Promise((resolve, reject) => {
    const latencies = [];
    const statuses = {};
    const instance = autocannon({ url: base, connections, duration, headers, requests: [request], timeout: 30 },
      (error, result) => (error ? reject(error) : resolve({ result, latencies, statuses })));
    instance.on('response', (client, statusCode, bytes, responseTime) => {
      latencies.push(responseTime);
      statuses[statusCode] = (statuses[statusCode] || 0) + 1;
    });
  });
}

function percentile(sorted, q) {
  return sorted.length === 0 ? null : Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] * 10) / 10;
}

async function main() {
  const mode = process.argv[2];
  if (mode === 'template') {
    const response = await fetch(`${base}/api/v1/patients`, { method: 'POST', headers, body: newPatient() });
    if (response.status !== 201) throw new Error(`template registration answered ${response.status}: ${await response.text()}`);
    process.stdout.write((await response.json()).id);
    return;
  }
  const all = scenarios();
  if (mode === 'warmup') {
    const each = Math.max(5, Math.round(Number(process.env.WARMUP || 60) / Object.keys(all).length));
    for (const request of Object.values(all)) await run(request, each);
    return;
  }
  // "measure" runs every scenario; "only" just the one named in SCENARIO (for bench/profile.sh).
  const chosen = mode === 'only' ? Object.entries(all).filter(([name]) => name === process.env.SCENARIO) : Object.entries(all);
  if (chosen.length === 0) throw new Error(`no scenario named ${process.env.SCENARIO}; use one of: ${Object.keys(all).join(', ')}`);
  for (const [scenario, request] of chosen) {
    const { result, latencies, statuses } = await run(request, Number(process.env.DURATION || 20));
    latencies.sort((a, b) => a - b);
    console.log(JSON.stringify({
      scenario, rps: Math.round(result.requests.average), p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95),
      p99: percentile(latencies, 0.99), non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts,
      total: result.requests.total, statuses,
    }));
  }
}

main().catch((error) => { console.error(error); process.exit(1); });

// Shared by the autocannon benchmarks: API calls for the setup, bounded parallelism, and one measured scenario.
'use strict';
const autocannon = require('autocannon');

const base = process.env.BASE_URL;

async function api(token, method, path, body) {
  const response = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status >= 300) {
    throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  }
  return text ? JSON.parse(text) : null;
}

async function inParallel(count, width, make) {
  const results = new Array(count);
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < count) {
      const i = next++;
      results[i] = await make(i);
    }
  }));
  return results;
}

function letters(i) {
  let name = '';
  for (let n = i + 26 * 26; n > 0; n = Math.floor(n / 26)) name += String.fromCharCode(97 + (n % 26));
  return name;
}

function percentile(sorted, p) {
  const value = sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  return Math.round(value * 10) / 10;
}

// Runs one autocannon request shape for `duration` seconds (or `amount` requests); latencies come from every response, outcomes count
// status codes (409s by their title, so a conflict names its rule).
function measure({ name, path, method = 'GET', token, connections, duration, body, amount }) {
  return new Promise((resolve, reject) => {
    const latencies = [];
    const outcomes = {};
    const instance = autocannon({
      url: `${base}${typeof path === 'string' ? path : ''}`,
      connections,
      ...(amount ? { amount } : { duration }),
      requests: [{
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        setupRequest: (request) => ({
          ...request,
          ...(typeof path === 'function' ? { path: path() } : {}),
          ...(body ? { body: JSON.stringify(body()) } : {}),
        }),
        onResponse: (status, responseBody) => {
          let key = String(status);
          if (status === 409) {
            try { key = `409 ${JSON.parse(responseBody).title}`; } catch { key = '409'; }
          }
          outcomes[key] = (outcomes[key] || 0) + 1;
        },
      }],
    }, (error, result) => {
      if (error) return reject(error);
      latencies.sort((a, b) => a - b);
      resolve({
        scenario: name,
        connections,
        seconds: amount ? result.duration : duration,
        requestsPerSecond: Math.round(result.requests.total / (amount ? result.duration : duration)),
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        p99: percentile(latencies, 99),
        outcomes,
        errors: result.errors + result.timeouts,
      });
    });
    instance.on('response', (client, statusCode, bytes, responseTime) => latencies.push(responseTime));
  });
}

module.exports = { api, inParallel, letters, percentile, measure };

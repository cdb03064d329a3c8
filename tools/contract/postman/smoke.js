// Exports a Postman collection from the OpenAPI document, keeps the safe GET requests that need no ids or required
// query values, and runs them with newman against a running service: each must answer 200 with JSON carrying every
// property the document marks required.
// Usage: node smoke.js <openapi.json> <baseUrl> <tenant> <username> <password>
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const converter = require("openapi-to-postmanv2");
const newman = require("newman");

const [documentPath, baseUrl, tenant, username, password] = process.argv.slice(2);
const spec = JSON.parse(fs.readFileSync(documentPath, "utf8"));
const out = path.join(__dirname, "..", ".generated");
fs.mkdirSync(out, { recursive: true });

function resolve(schema) {
  while (schema && schema.$ref) {
    schema = spec.components.schemas[schema.$ref.split("/").pop()];
  }
  return schema;
}

// The operations to run: GET, no path parameters, no required query parameters, a JSON 200 response.
const safe = new Map();
const needs = new Map();
for (const [route, item] of Object.entries(spec.paths)) {
  const get = item.get;
  if (!get || route.includes("{") || (get.parameters || []).some((p) => p.required)) continue;
  const json = get.responses?.["200"]?.content?.["application/json"];
  if (!json) continue;
  safe.set(route.replace(/^\//, ""), resolve(json.schema));
  const permission = /do not grant ([\w.]+)\./.exec(get.responses?.["403"]?.description || "")?.[1];
  if (permission) needs.set(route.replace(/^\//, ""), permission);
}

// Operations that need one of several optional filters get one that any tenant can answer.
const chosenQuery = { "api/v1/slots": [{ key: "modality", value: "mri" }] };

function requiredCheck(schema) {
  const page = schema?.properties?.items && resolve(schema.properties.items.items);
  return [
    "pm.test('answers 200', () => pm.response.to.have.status(200));",
    "const body = pm.response.json();",
    `const top = ${JSON.stringify(schema?.required || [])};`,
    "pm.test('has every required property', () => top.forEach((name) => pm.expect(body).to.have.property(name)));",
    `const itemRequired = ${JSON.stringify(page?.required || [])};`,
    "pm.test('list items have every required property', () => (Array.isArray(body.items) ? body.items : []).forEach((item) => itemRequired.forEach((name) => pm.expect(item).to.have.property(name))));",
  ];
}

function keep(items) {
  const kept = [];
  for (const item of items) {
    if (item.item) {
      item.item = keep(item.item);
      if (item.item.length) kept.push(item);
      continue;
    }
    const url = item.request.url;
    const route = (url.path || []).join("/");
    if (item.request.method !== "GET" || !safe.has(route)) continue;
    url.query = chosenQuery[route] || (url.query || []).filter((q) => !q.disabled);
    item.request.auth = { type: "bearer", bearer: [{ key: "token", value: "{{token}}", type: "string" }] };
    item.response = [];
    item.event = [{ listen: "test", script: { type: "text/javascript", exec: requiredCheck(safe.get(route)) } }];
    kept.push(item);
  }
  return kept;
}

async function main() {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ tenant, username, password }),
  });
  if (!login.ok) throw new Error(`login answered ${login.status}: ${await login.text()}`);
  const { accessToken } = await login.json();

  // The bootstrapped admin's role grants no clinical permission by design: operations it may not call are left out.
  const me = await fetch(`${baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${accessToken}` } });
  if (!me.ok) throw new Error(`me answered ${me.status}: ${await me.text()}`);
  const { permissions } = await me.json();
  for (const [route, permission] of needs) if (!permissions.includes(permission)) safe.delete(route);

  // A fresh service signs its first audit checkpoint once the sealer has run; the smoke starts when there is one.
  for (const deadline = Date.now() + 60000; ;) {
    const checkpoint = await fetch(`${baseUrl}/api/v1/audit/checkpoints/latest`, { headers: { authorization: `Bearer ${accessToken}` } });
    if (checkpoint.ok) break;
    if (Date.now() > deadline) throw new Error(`no audit checkpoint after 60 s: ${checkpoint.status}`);
    await new Promise((resume) => setTimeout(resume, 250));
  }

  const converted = await new Promise((done, fail) =>
    converter.convert({ type: "json", data: spec }, { folderStrategy: "Tags", enableOptionalParameters: false }, (error, result) =>
      error ? fail(error) : result.result ? done(result.output[0].data) : fail(new Error(result.reason))));
  converted.item = keep(converted.item);
  const count = JSON.stringify(converted.item).split('"method":"GET"').length - 1;
  if (count !== safe.size) throw new Error(`the collection has ${count} of the ${safe.size} safe GET operations`);
  const environment = {
    name: "healthcore-smoke",
    values: [
      { key: "baseUrl", value: baseUrl, type: "default", enabled: true },
      { key: "token", value: accessToken, type: "secret", enabled: true },
    ],
  };
  fs.writeFileSync(path.join(out, "healthcore.postman_collection.json"), JSON.stringify(converted, null, 2));
  fs.writeFileSync(path.join(out, "healthcore.postman_environment.json"), JSON.stringify(environment, null, 2));

  const summary = await new Promise((done, fail) =>
    newman.run({ collection: converted, environment, reporters: ["cli"], timeoutRequest: 30000 }, (error, result) =>
      error ? fail(error) : done(result)));
  const failures = summary.run.failures.length;
  console.log(`newman: ${count} requests, ${failures} failures`);
  process.exit(failures === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

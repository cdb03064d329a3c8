// Compiled (never run) against the client types generated from docs/openapi/v1.json: if the document lies about a
// field's type or about what is required, this stops compiling.
import type { components, operations } from "../.generated/healthcore";

type Schemas = components["schemas"];

// The fields the server requires are enough for a valid registration.
export const registration: Schemas["PatientDetails"] = {
  name: { family: "Murphy", given: ["Aoife"] },
  birthDate: "1984-03-09",
  gender: "female",
};

export const login: operations["login"]["requestBody"]["content"]["application/json"] = {
  tenant: "demo",
  username: "admin",
  password: "a-long-passphrase",
};

export function readPatient(patient: Schemas["PatientResponse"]): [string, number, string, string | undefined] {
  const registeredAt: string = patient.createdAt;
  const version: number = patient.version;
  const mrn: string = patient.mrn;
  const family: string | undefined = patient.name.family;
  return [registeredAt, version, mrn, family];
}

export function readToken(token: operations["login"]["responses"]["200"]["content"]["application/json"]): number {
  const seconds: number = token.expiresIn;
  return seconds;
}

export function readSchedule(schedule: Schemas["ScheduleResponse"]): number {
  const minutes: number = schedule.slotMinutes;
  return minutes;
}

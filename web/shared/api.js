// How the pages talk to the API: the one place that writes the headers of a staff request. The server refuses a
// state-changing staff request (StaffRequestOrigin) unless it says it is the console's (X-Requested-With, which
// no HTML form can send and another site cannot without a CORS preflight the app never answers) and declares a
// JSON or multipart body. Locally the staff key rides along; in Azure the App Service session cookie goes by itself.
const keyStorage = "staff-key";

/** The staff key signed in with, kept for this browser session only (never localStorage). */
export const staffKey = () => sessionStorage.getItem(keyStorage);
export const rememberStaffKey = (key) => sessionStorage.setItem(keyStorage, key);
export const forgetStaffKey = () => sessionStorage.removeItem(keyStorage);

/** The headers of every staff request, with the caller's added (or overriding). */
export function staffHeaders(extra) {
  const headers = Object.assign({ Accept: "application/json", "X-Requested-With": "staff-console" }, extra || {});
  const key = staffKey();
  if (key) headers["x-staff-key"] = key;
  return headers;
}

/** A staff request as it is: the caller reads any answer, a 401 included. */
export const staffFetch = (path, options) => fetch(path, Object.assign({}, options, { headers: staffHeaders(options && options.headers) }));

/** Thrown once a refusal was handed to the sign-in: the caller has nothing more to show. */
export class SignInRequired extends Error {}

let onRefused = () => {};

/** Who hears of a 401 or 403 (the console's sign-in). */
export function whenRefused(handler) {
  onRefused = handler;
}

/** The console's request: a JSON body unless it says otherwise; a refusal goes to the sign-in and throws. */
export async function request(path, options) {
  const response = await fetch(path, Object.assign({}, options, {
    headers: staffHeaders(Object.assign({ "Content-Type": "application/json" }, (options && options.headers) || {})),
  }));
  if (response.status === 401 || response.status === 403) {
    const problem = await response.clone().json().catch(() => ({}));
    // A 403 about something else (a blocked document) is the caller's to show, not a sign-in problem.
    if (response.status === 403 && problem.type && !problem.type.endsWith("/forbidden")) return response;
    onRefused(response.status, problem);
    throw new SignInRequired();
  }
  return response;
}

export async function getJson(path) {
  const response = await request(path);
  if (!response.ok) throw new Error(path + ": " + response.status);
  return response.json();
}

/** A public read (a call, a notice, a submission's status): JSON, with the headers the caller adds. */
export const publicFetch = (path, headers) => fetch(path, { headers: Object.assign({ Accept: "application/json" }, headers || {}) });

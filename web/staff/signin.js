// Signing in and out. A 401 or 403 from any call lands here (shared/api.js hands it over). With Entra ID the
// browser goes to sign in (once: coming back still refused shows the reason instead of looping); with the key,
// the key form comes back.
import { forgetStaffKey, rememberStaffKey, staffKey, whenRefused } from "../shared/api.js";
import { $ } from "../shared/dom.js";
import { start } from "./staff.js";
import { auth, state, t, timers } from "./state.js";

const signInAttempt = "staff-signin-attempt";

whenRefused(refused);

function refused(status, problem) {
  auth.signInUrl = problem.signInUrl || null;
  auth.signOutUrl = problem.signOutUrl || auth.signOutUrl;
  if (status === 401 && auth.signInUrl && !staffKey()) {
    const tried = Number(sessionStorage.getItem(signInAttempt) || 0);
    if (Date.now() - tried > 60000) {
      sessionStorage.setItem(signInAttempt, String(Date.now()));
      location.assign(signInHref());
      return;
    }
    signOut("signInAgain");
    return;
  }
  signOut(status === 401 ? "unauthenticated" : "forbidden");
}

function signInHref() {
  return auth.signInUrl + "?post_login_redirect_uri=" + encodeURIComponent(location.pathname + location.search + location.hash);
}

export function signOut(reason) {
  forgetStaffKey();
  auth.identity = null;
  state.signInMessage = reason || null;
  clearInterval(timers.countdown);
  clearInterval(timers.refresh);
  $("console").hidden = true;
  $("sign-out").hidden = true;
  $("signin").hidden = false;
  renderSignIn();
  if (!auth.signInUrl) $("staff-key").focus();
}

/** The server took the key or the session: the console replaces the sign-in. */
export function signedIn() {
  sessionStorage.removeItem(signInAttempt);
  state.signInMessage = null;
  $("signin").hidden = true;
  $("console").hidden = false;
  $("sign-out").hidden = false;
}

$("signin-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const key = $("staff-key").value.trim();
  if (!key) {
    state.signInMessage = "keyMissing";
    renderSignIn();
    return;
  }
  rememberStaffKey(key);
  $("staff-key").value = "";
  await start();
});

$("sign-out").addEventListener("click", () => {
  if (auth.identity && auth.identity.signOutUrl) {
    location.assign(auth.identity.signOutUrl + "?post_logout_redirect_uri=" + encodeURIComponent(location.pathname));
    return;
  }
  signOut(null);
});

export function renderSignIn() {
  const message = $("signin-message");
  message.hidden = !state.signInMessage;
  message.textContent = state.signInMessage ? t()[state.signInMessage] : "";
  $("staff-key").setAttribute("aria-invalid", state.signInMessage ? "true" : "false");
  // Entra ID where the server offers it, the key form otherwise.
  $("signin-form").hidden = !!auth.signInUrl;
  const entra = $("signin-entra");
  entra.hidden = !auth.signInUrl;
  if (auth.signInUrl) {
    entra.href = signInHref();
    entra.textContent = t().signInEntra;
  }
  const other = $("signin-other");
  other.hidden = !(auth.signOutUrl && state.signInMessage === "forbidden");
  if (!other.hidden) {
    other.href = auth.signOutUrl + "?post_logout_redirect_uri=" + encodeURIComponent(location.pathname);
    other.textContent = t().otherAccount;
  }
}

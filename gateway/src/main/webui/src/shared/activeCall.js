// The call engine of this tab, kept apart from the call feature so the rest of the app (token
// expiry, the API client's 401 rule, the test hook) can ask about it without loading the call code.
let engine = null;

export function setActiveEngine(value) {
  engine = value;
}

export function clearActiveEngine(value) {
  if (engine === value) engine = null;
}

export function activeEngine() {
  return engine && !engine.disposed ? engine : null;
}

export function isCallActive() {
  return activeEngine() !== null;
}

// Vitest setup for every test file: DOM matchers (toBeInTheDocument, toBeDisabled, …) and an
// empty document after each component test.
import '@testing-library/jest-dom/vitest';
import { afterEach } from 'vitest';

if (typeof HTMLMediaElement !== 'undefined') {
  // jsdom has no media playback: its play() returns nothing, a browser's a promise.
  HTMLMediaElement.prototype.play = () => Promise.resolve();
}

if (typeof document !== 'undefined') {
  // findBy*/waitFor give up after 1 s by default; a table of MUI rows renders slower than that
  // on a loaded 2-core machine.
  const { configure } = await import('@testing-library/react');
  configure({ asyncUtilTimeout: 10_000 });
}

afterEach(async () => {
  if (typeof document === 'undefined') return;
  const { cleanup } = await import('@testing-library/react');
  cleanup();
  sessionStorage.clear();
});

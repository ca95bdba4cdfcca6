// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { AuthProvider } from '../auth/AuthContext.jsx';
import DashboardPage from './DashboardPage.jsx';
import { fakeServer, signIn } from '../../shared/testing/fakeServer.js';

/** The dashboard as the call room leaves it after End session, with `callSummary`. */
function afterEnd(callSummary) {
  fakeServer({});
  signIn({ id: 'p1', name: 'Dr Njeri', role: 'psychologist', emailVerified: true });
  render(
    <MemoryRouter initialEntries={[{ pathname: '/dashboard', state: { callSummary } }]}>
      <AuthProvider>
        <Routes><Route path="/dashboard" element={<DashboardPage />} /></Routes>
      </AuthProvider>
    </MemoryRouter>,
  );
}

describe('DashboardPage after End session', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    sessionStorage.clear();
  });

  it('shows the completed session and its duration', () => {
    afterEnd({ minutes: 42 });
    expect(screen.getByTestId('call-summary')).toHaveTextContent('Session completed. Duration: 42 minutes');
    expect(screen.queryByTestId('call-end-failed')).not.toBeInTheDocument();
  });

  it('says when the session could not be marked completed, and never that it was', () => {
    afterEnd({ minutes: 42, endError: 'your sign-in has ended; please sign in again' });
    expect(screen.getByTestId('call-end-failed')).toHaveTextContent('could not be marked completed: your sign-in has ended');
    expect(screen.queryByTestId('call-summary')).not.toBeInTheDocument();
  });
});

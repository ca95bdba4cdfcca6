// @vitest-environment jsdom
import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { Outlet } from 'react-router-dom';
import ChangePasswordPage from './ChangePasswordPage.jsx';
import AccountNotices from './AccountNotices.jsx';
import { fakeServer, problem, signIn } from '../../shared/testing/fakeServer.js';
import { renderPage } from '../../shared/testing/renderPage.jsx';
import { NOTICE_VERSION } from '../privacy/notice.js';

function Page() {
  return <><AccountNotices /><ChangePasswordPage /><Outlet /></>;
}

function fill(current, next) {
  fireEvent.change(screen.getByLabelText(/Current password/), { target: { value: current } });
  fireEvent.change(screen.getByTestId('new-password'), { target: { value: next } });
  fireEvent.change(screen.getByTestId('new-password-repeat'), { target: { value: next } });
}

afterEach(() => sessionStorage.clear());

describe('ChangePasswordPage', () => {
  it('changes the password and ends the bootstrap-password reminder', async () => {
    signIn({ id: 'a1', name: 'Administrator', role: 'admin', emailVerified: true, passwordChangeDue: true });
    const server = fakeServer({ 'POST /api/auth/password': () => [204] });
    renderPage('/account/password', { '/account/password': <Page /> });
    expect(screen.getByTestId('bootstrap-password-notice')).toBeInTheDocument();
    fill('bootstrap-pass-1', 'practice-admin-secret-9');
    await userEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByTestId('password-changed')).toBeInTheDocument();
    expect(server.requests[0].body).toEqual({ currentPassword: 'bootstrap-pass-1', newPassword: 'practice-admin-secret-9' });
    expect(screen.queryByTestId('bootstrap-password-notice')).not.toBeInTheDocument();
  });

  it('an account the practice created accepts the privacy notice with its first change', async () => {
    signIn({ id: 'a1', name: 'Administrator', role: 'admin', emailVerified: true, passwordChangeDue: true, privacyConsentDue: true });
    const server = fakeServer({ 'POST /api/auth/password': () => [204] });
    renderPage('/account/password', { '/account/password': <Page /> });
    fill('bootstrap-pass-1', 'practice-admin-secret-9');
    expect(screen.getByRole('button', { name: 'Change password' })).toBeDisabled();
    await userEvent.click(screen.getByTestId('change-password-consent'));
    await userEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByTestId('password-changed')).toBeInTheDocument();
    expect(server.requests[0].body).toEqual({
      currentPassword: 'bootstrap-pass-1', newPassword: 'practice-admin-secret-9', privacyNotice: NOTICE_VERSION,
    });
    expect(screen.queryByTestId('change-password-consent')).not.toBeInTheDocument();
  });

  it('names the field the server refused', async () => {
    signIn({ id: 'c1', name: 'Amani', role: 'client', emailVerified: true });
    fakeServer({ 'POST /api/auth/password': () => [403, { ...problem(403, 'Forbidden', 'the current password is not right'), field: 'currentPassword' }] });
    renderPage('/account/password', { '/account/password': <Page /> });
    fill('wrong', 'practice-admin-secret-9');
    await userEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('currentPassword: the current password is not right');
  });
});

describe('AccountNotices', () => {
  it('asks an unverified account to confirm its address and resends the link', async () => {
    signIn({ id: 'c1', name: 'Amani', email: 'amani@example.org', role: 'client', emailVerified: false });
    const server = fakeServer({ 'POST /api/auth/resend-verification': () => [202, { detail: 'We have sent a new link to amani@example.org.' }] });
    renderPage('/dashboard', { '/dashboard': <AccountNotices /> });
    expect(screen.getByTestId('verify-notice')).toHaveTextContent('amani@example.org');
    await userEvent.click(screen.getByRole('button', { name: 'Resend email' }));
    expect(await screen.findByTestId('resend-result')).toHaveTextContent('We have sent a new link to amani@example.org.');
    expect(server.requests[0].path).toBe('/api/auth/resend-verification');
  });

  it('shows nothing for a verified account with its own password', () => {
    signIn({ id: 'c1', name: 'Amani', role: 'client', emailVerified: true, passwordChangeDue: false });
    renderPage('/dashboard', { '/dashboard': <AccountNotices /> });
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.queryByTestId('verify-notice')).not.toBeInTheDocument();
  });
});

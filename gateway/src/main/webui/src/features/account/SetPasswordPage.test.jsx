// @vitest-environment jsdom
import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import SetPasswordPage from './SetPasswordPage.jsx';
import ForgotPasswordPage from './ForgotPasswordPage.jsx';
import { fakeServer, problem } from '../../shared/testing/fakeServer.js';
import { renderPage } from '../../shared/testing/renderPage.jsx';
import { NOTICE_VERSION } from '../privacy/notice.js';

function typeTwice(first, second = first) {
  fireEvent.change(screen.getByTestId('new-password'), { target: { value: first } });
  fireEvent.change(screen.getByTestId('new-password-repeat'), { target: { value: second } });
}

describe('SetPasswordPage', () => {
  it('sets the password with the link token, then offers to log in', async () => {
    const server = fakeServer({ 'POST /api/auth/password-reset/confirm': () => [204] });
    renderPage('/reset-password#token=tok-1', { '/reset-password': <SetPasswordPage /> });
    expect(screen.getByRole('heading', { name: 'Set a new password' })).toBeInTheDocument();
    typeTwice('a-new-password-42', 'a-new-password-4');
    expect(screen.getByText('The two passwords differ')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save password' })).toBeDisabled();
    typeTwice('a-new-password-42');
    await userEvent.click(screen.getByRole('button', { name: 'Save password' }));
    expect(await screen.findByTestId('password-set')).toBeInTheDocument();
    expect(server.requests[0].body).toEqual({ token: 'tok-1', password: 'a-new-password-42' });
    expect(screen.getByRole('link', { name: 'Log in' })).toHaveAttribute('href', '/login');
  });

  it('an invitation accepts the privacy notice with the first password', async () => {
    const server = fakeServer({ 'POST /api/auth/password-reset/confirm': () => [204] });
    renderPage('/set-password#token=inv-1', { '/set-password': <SetPasswordPage invitation /> });
    expect(screen.getByRole('link', { name: 'privacy notice' })).toHaveAttribute('href', '/privacy');
    typeTwice('a-new-password-42');
    expect(screen.getByRole('button', { name: 'Save password' })).toBeDisabled();
    await userEvent.click(screen.getByTestId('set-password-consent'));
    await userEvent.click(screen.getByRole('button', { name: 'Save password' }));
    expect(await screen.findByTestId('password-set')).toBeInTheDocument();
    expect(server.requests[0].body).toEqual({ token: 'inv-1', password: 'a-new-password-42', privacyNotice: NOTICE_VERSION });
  });

  it('a reset asks for the notice when the server says the account has not accepted it yet', async () => {
    const server = fakeServer({
      'POST /api/auth/password-reset/confirm': (body) => (body.privacyNotice ? [204]
        : [400, { ...problem(400, 'Invalid input', 'accept the privacy notice to set your password'), field: 'privacyNotice' }]),
    });
    renderPage('/reset-password#token=tok-2', { '/reset-password': <SetPasswordPage /> });
    expect(screen.queryByTestId('set-password-consent')).not.toBeInTheDocument();
    typeTwice('a-new-password-42');
    await userEvent.click(screen.getByRole('button', { name: 'Save password' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('accept the privacy notice to set your password');
    expect(screen.getByRole('button', { name: 'Save password' })).toBeDisabled();
    await userEvent.click(screen.getByTestId('set-password-consent'));
    await userEvent.click(screen.getByRole('button', { name: 'Save password' }));
    expect(await screen.findByTestId('password-set')).toBeInTheDocument();
    expect(server.requests[1].body).toEqual({ token: 'tok-2', password: 'a-new-password-42', privacyNotice: NOTICE_VERSION });
  });

  it("shows the server's reason for a refused link and how to get a new one", async () => {
    fakeServer({ 'POST /api/auth/password-reset/confirm': () => [410, problem(410, 'Gone', 'this link has expired; ask for a new one')] });
    renderPage('/set-password#token=old', { '/set-password': <SetPasswordPage invitation /> });
    expect(screen.getByRole('heading', { name: 'Choose your password' })).toBeInTheDocument();
    typeTwice('a-new-password-42');
    await userEvent.click(screen.getByTestId('set-password-consent'));
    await userEvent.click(screen.getByRole('button', { name: 'Save password' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('this link has expired; ask for a new one');
    expect(screen.getByRole('link', { name: 'Ask for a new one' })).toHaveAttribute('href', '/forgot-password');
  });
});

describe('ForgotPasswordPage', () => {
  it("asks for a link and shows the server's answer, which is the same for every address", async () => {
    const server = fakeServer({ 'POST /api/auth/password-reset': () => [202, { detail: 'If this address has an account, we have sent it a link.' }] });
    renderPage('/forgot-password', { '/forgot-password': <ForgotPasswordPage /> });
    fireEvent.change(screen.getByLabelText(/Email/), { target: { value: ' amani@example.org ' } });
    await userEvent.click(screen.getByRole('button', { name: 'Send me a link' }));
    expect(await screen.findByTestId('reset-requested')).toHaveTextContent('If this address has an account, we have sent it a link.');
    expect(server.requests[0].body).toEqual({ email: 'amani@example.org' });
  });
});

// @vitest-environment jsdom
import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import RegisterPage from './RegisterPage.jsx';
import { fakeServer, problem } from '../../shared/testing/fakeServer.js';
import { renderPage } from '../../shared/testing/renderPage.jsx';
import { NOTICE_VERSION } from '../privacy/notice.js';

function registerAt() {
  renderPage('/register', { '/register': <RegisterPage />, '/dashboard': <p>Dashboard</p> });
}

async function fillAndSubmit(phone) {
  fireEvent.change(screen.getByLabelText(/Full name/), { target: { value: ' Amani Otieno ' } });
  fireEvent.change(screen.getByLabelText(/Email/), { target: { value: 'amani@example.org' } });
  fireEvent.change(screen.getByLabelText(/^Password/), { target: { value: 'secret-pass' } });
  if (phone) fireEvent.change(screen.getByLabelText(/Phone/), { target: { value: phone } });
  await userEvent.click(screen.getByTestId('register-consent'));
  await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
}

describe('RegisterPage', () => {
  it('sends the registration with the phone for M-Pesa and asks to open the emailed link, signing nobody in', async () => {
    const server = fakeServer({
      'POST /api/auth/register': () => [202, { detail: 'Check your email: we have sent a message to this address.' }],
    });
    registerAt();
    expect(screen.getByRole('button', { name: 'Create account' })).toBeDisabled();
    await fillAndSubmit(' 254712345678 ');
    expect(await screen.findByTestId('register-sent')).toHaveTextContent('Check your email: we have sent a message to this address.');
    expect(screen.queryByText('Dashboard')).not.toBeInTheDocument();
    expect(sessionStorage.getItem('ssv.auth')).toBeNull();
    expect(server.requests[0].body).toEqual({
      name: 'Amani Otieno', email: 'amani@example.org', password: 'secret-pass', phone: '254712345678', privacyNotice: NOTICE_VERSION,
    });
  });

  it("shows the server's reason for a refused registration and leaves out an empty phone", async () => {
    const server = fakeServer({ 'POST /api/auth/register': () => [400, problem(400, 'Bad Request', 'this password is one of the most commonly used ones; choose another')] });
    registerAt();
    await fillAndSubmit();
    expect(await screen.findByRole('alert')).toHaveTextContent('this password is one of the most commonly used ones; choose another');
    expect(server.requests[0].body).not.toHaveProperty('phone');
    expect(screen.getByRole('link', { name: 'Log in' })).toHaveAttribute('href', '/login');
  });

  it('cannot be sent before the privacy notice is accepted, and links to the notice', async () => {
    const server = fakeServer({ 'POST /api/auth/register': () => [202, { detail: 'Check your email.' }] });
    registerAt();
    fireEvent.change(screen.getByLabelText(/Full name/), { target: { value: 'Amani' } });
    fireEvent.change(screen.getByLabelText(/Email/), { target: { value: 'amani@example.org' } });
    fireEvent.change(screen.getByLabelText(/^Password/), { target: { value: 'secret-pass' } });
    expect(screen.getByRole('button', { name: 'Create account' })).toBeDisabled();
    expect(screen.getByTestId('privacy-link')).toHaveAttribute('href', '/privacy');
    await userEvent.click(screen.getByTestId('register-consent'));
    expect(screen.getByRole('button', { name: 'Create account' })).toBeEnabled();
    expect(server.requests).toHaveLength(0);
  });
});

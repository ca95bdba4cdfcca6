// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import PrivacyNoticePage from './PrivacyNoticePage.jsx';
import { NOTICE_VERSION } from './notice.js';
import { renderPage } from '../../shared/testing/renderPage.jsx';

describe('PrivacyNoticePage', () => {
  it('states its version, what is kept for how long, and the rights to a copy and to erasure, to anyone', () => {
    renderPage('/privacy', { '/privacy': <PrivacyNoticePage /> });
    expect(screen.getByRole('heading', { level: 1, name: 'Privacy notice' })).toBeInTheDocument();
    expect(screen.getByTestId('privacy-notice-version')).toHaveTextContent(NOTICE_VERSION);
    expect(screen.getByRole('heading', { name: 'How long we keep it' })).toBeInTheDocument();
    expect(screen.getByText(/Emails we sent: 30 days/)).toBeInTheDocument();
    expect(screen.getByText(/Download my data/)).toBeInTheDocument();
    expect(screen.getByText(/Delete my account/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Create an account' })).toHaveAttribute('href', '/register');
  });
});

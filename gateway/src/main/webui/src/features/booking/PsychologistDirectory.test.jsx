// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import PsychologistDirectory from './PsychologistDirectory.jsx';
import { fakeServer, pageOf, problem, queryOf, signIn } from '../../shared/testing/fakeServer.js';

const directory = Array.from({ length: 14 }, (_, i) => ({
  id: `psy-${i}`, name: `Dr ${String.fromCharCode(65 + i)} Test`, specialties: i % 2 ? ['Grief'] : ['Anxiety'],
  languages: ['English', 'Swahili'], bio: null, rates: i === 13 ? {} : { individual: 2500, group: 1500 },
  nextFreeSlot: i === 13 ? null : '2026-03-02T06:00:00Z',
}));

function directoryServer(routes) {
  signIn({ id: 'c1', name: 'Amani', role: 'client' });
  return fakeServer({
    'GET /api/psychologists': (_, url) => {
      const specialty = (queryOf(url).get('specialty') ?? '').toLowerCase();
      return pageOf(directory.filter((p) => !specialty || p.specialties.some((s) => s.toLowerCase().includes(specialty))), url);
    },
    ...routes,
  });
}

/** A directory card (not named: the dashboard's session cards are the articles named after a psychologist). */
const card = (name) => screen.getAllByTestId('psychologist-card').find((c) => within(c).queryByRole('heading', { name }));
const lastQuery = (server) => Object.fromEntries(queryOf(server.fetch.mock.calls.at(-1)[0]));

describe('PsychologistDirectory', () => {
  it("shows each psychologist's rates, languages and next free slot in Nairobi time", async () => {
    directoryServer();
    render(<PsychologistDirectory onBook={() => {}} />);
    await screen.findByText('Dr A Test');
    expect(within(card('Dr A Test')).getByText('Individual KES 2,500 · Group KES 1,500')).toBeInTheDocument();
    expect(within(card('Dr A Test')).getByText('Speaks English, Swahili')).toBeInTheDocument();
    expect(within(card('Dr A Test')).getByText('Next free: Mon 2 Mar, 09:00 (Nairobi time)')).toBeInTheDocument();
    expect(screen.getAllByTestId('psychologist-card')).toHaveLength(12);
  });

  it('pages through the directory and searches by specialty from the first page', async () => {
    const server = directoryServer();
    const onBook = vi.fn();
    render(<PsychologistDirectory onBook={onBook} />);
    await screen.findByText('Dr A Test');
    expect(screen.getByText('1–12 of 14')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Go to next page' }));
    expect(await screen.findByText('Dr N Test')).toBeInTheDocument();
    expect(within(card('Dr N Test')).getByText('Rates not set yet')).toBeInTheDocument();
    expect(within(card('Dr N Test')).getByText('No free slot in the coming weeks')).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Specialty'), 'grief');
    await waitFor(() => expect(lastQuery(server)).toEqual({ specialty: 'grief', page: '0', size: '12' }));
    await waitFor(() => expect(screen.getAllByTestId('psychologist-card')).toHaveLength(7));
    await userEvent.click(screen.getByRole('button', { name: 'Book session with Dr B Test' }));
    expect(onBook).toHaveBeenCalledWith(expect.objectContaining({ id: 'psy-1' }));
  });

  it('says when nothing matches, and shows a refusal', async () => {
    directoryServer({ 'GET /api/psychologists': (_, url) => (url.includes('language=Klingon')
      ? { items: [], total: 0 } : [400, problem(400, 'Invalid input', 'size is 1 to 100')]) });
    render(<PsychologistDirectory onBook={() => {}} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('size is 1 to 100');
    await userEvent.type(screen.getByLabelText('Language'), 'Klingon');
    await waitFor(() => expect(screen.getByTestId('directory-empty')).toHaveTextContent('No psychologist matches this search.'));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});

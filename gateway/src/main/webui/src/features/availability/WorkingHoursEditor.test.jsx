// @vitest-environment jsdom
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import WorkingHoursEditor from './WorkingHoursEditor.jsx';
import { fakeServer, signIn } from '../../shared/testing/fakeServer.js';

const stored = {
  hours: { weekly: { monday: [{ start: '09:00', end: '12:00' }] }, timeOff: [] },
  timeZone: 'Africa/Nairobi',
};

function editor(routes) {
  signIn({ id: 'psy-1', name: 'Dr Wanjiru', role: 'psychologist' });
  const server = fakeServer({
    'GET /api/psychologists/psy-1/working-hours': () => stored,
    'PUT /api/psychologists/psy-1/working-hours': (body) => ({ hours: body, timeZone: 'Africa/Nairobi' }),
    ...routes,
  });
  render(<WorkingHoursEditor psychologistId="psy-1" />);
  return server;
}

const day = (name) => screen.getByRole('group', { name });

describe('WorkingHoursEditor', () => {
  it('shows the stored hours per weekday in Nairobi time and saves several ranges a day and time off', async () => {
    const server = editor();
    expect(await screen.findByText(/Times are Nairobi time \(EAT, UTC\+3\)/)).toBeInTheDocument();
    expect(within(day('Monday')).getByLabelText(/From/)).toHaveValue('09:00');
    expect(within(day('Tuesday')).getByText('Not working')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Add hours on Monday' }));
    const ends = within(day('Monday')).getAllByLabelText(/Until/);
    expect(ends).toHaveLength(2);
    fireEvent.change(ends[1], { target: { value: '17:30' } });
    await userEvent.click(screen.getByRole('button', { name: 'Add hours on Saturday' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add time off' }));
    fireEvent.change(screen.getByLabelText(/First day off/), { target: { value: '2026-12-24' } });
    fireEvent.change(screen.getByLabelText(/Last day off/), { target: { value: '2026-12-26' } });
    await userEvent.click(screen.getByRole('button', { name: 'Save working hours' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Working hours saved');
    expect(server.requests.find((r) => r.method === 'PUT').body).toEqual({
      weekly: { monday: [{ start: '09:00', end: '12:00' }, { start: '12:00', end: '17:30' }], saturday: [{ start: '09:00', end: '17:00' }] },
      timeOff: [{ from: '2026-12-24', to: '2026-12-26' }],
    });
  });

  it("removes a range and shows the server's refusal with the day it names", async () => {
    const server = editor({
      'PUT /api/psychologists/psy-1/working-hours': () => [400, {
        type: 'https://smilingsteps.local/problems/invalid-input', title: 'Invalid input', status: 400,
        detail: 'ranges of one day must not overlap', field: 'weekly.monday',
      }],
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Remove Monday 09:00–12:00' }));
    expect(screen.getByTestId('hours-none')).toHaveTextContent('clients cannot book');
    await userEvent.click(screen.getByRole('button', { name: 'Add hours on Monday' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save working hours' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Monday: ranges of one day must not overlap');
    expect(server.requests.find((r) => r.method === 'PUT').body.weekly).toEqual({ monday: [{ start: '09:00', end: '17:00' }] });
  });

  it("copies Monday's hours to the other weekdays", async () => {
    const server = editor();
    await userEvent.click(await screen.findByRole('button', { name: 'Copy Monday to Tuesday–Friday' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save working hours' }));
    await screen.findByRole('status');
    expect(Object.keys(server.requests.find((r) => r.method === 'PUT').body.weekly))
      .toEqual(['monday', 'tuesday', 'wednesday', 'thursday', 'friday']);
  });
});

// @vitest-environment jsdom
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import CallRoom from './CallRoom.jsx';
import { createCallStore, initialCallState } from '../engine/callStore.js';

/** The engine as the call room sees it: its store and the controls, recorded. */
function fakeEngine(state = {}) {
  const store = createCallStore({ ...initialCallState(null), hasCamera: true, cameraOn: true, micOn: true, ...state });
  return {
    store,
    subscribe: store.subscribe,
    getSnapshot: store.getSnapshot,
    localStream: null,
    admit: vi.fn(),
    toggleMic: vi.fn(),
    toggleCamera: vi.fn(),
    setCamera: vi.fn(),
    sendChat: vi.fn(() => true),
    retry: vi.fn(),
    dismissParticipantLeft: vi.fn(() => store.set({ participantLeft: null })),
    dismissNotice: vi.fn(),
    currentDeviceId: () => '',
    switchDevice: vi.fn(async () => {}),
  };
}

function room(engine, { psychologist = false } = {}) {
  const onEnd = vi.fn();
  const onLeave = vi.fn();
  render(<CallRoom engine={engine} isPsychologist={psychologist} onLeave={onLeave} onEnd={onEnd} ending={false} />);
  return { onEnd, onLeave };
}

const connected = {
  status: 'connected', inRoom: true, signaling: 'open',
  participants: [{ peerId: 'p1', name: 'Dr Achieng', connectionState: 'connected', stream: null, videoMuted: false }],
};

describe('CallRoom', () => {
  it('shows the psychologist who is waiting and admits them', async () => {
    const engine = fakeEngine({ status: 'waiting-participant', inRoom: true, waitingList: [{ peerId: 'c1', name: 'Amani' }] });
    room(engine, { psychologist: true });
    expect(screen.getByTestId('call-status')).toHaveTextContent('Amani is in the waiting room: admit to start.');
    const waiting = screen.getByRole('region', { name: 'Waiting room' });
    await userEvent.click(within(waiting).getByRole('button', { name: 'Admit Amani' }));
    expect(engine.admit).toHaveBeenCalledWith('c1');
  });

  it('never offers a client the waiting list or an admit button', () => {
    room(fakeEngine({ status: 'waiting-room', waitingRoom: true, waitingList: [{ peerId: 'c2', name: 'Other client' }] }));
    expect(screen.getByTestId('call-status')).toHaveTextContent('You are in the waiting room. Your psychologist will let you in shortly.');
    expect(screen.queryByRole('region', { name: 'Waiting room' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Admit/ })).not.toBeInTheDocument();
  });

  it('mutes and unmutes, with the state on the buttons', async () => {
    const engine = fakeEngine(connected);
    room(engine);
    const mic = screen.getByRole('button', { name: 'Mute microphone' });
    expect(mic).toHaveAttribute('aria-pressed', 'false');
    await userEvent.click(mic);
    expect(engine.toggleMic).toHaveBeenCalledTimes(1);
    act(() => engine.store.set({ micOn: false, cameraOn: false }));
    expect(screen.getByRole('button', { name: 'Unmute microphone' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('button', { name: 'Turn camera on' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByText('Camera off')).toBeInTheDocument();
  });

  it('shows the remote participant by name, and the name instead of a frozen picture', () => {
    const engine = fakeEngine(connected);
    room(engine);
    expect(screen.getByLabelText('Video of Dr Achieng')).toBeInTheDocument();
    act(() => engine.store.set({ participants: [{ ...connected.participants[0], stream: {}, videoMuted: true }] }));
    expect(screen.getByText(/Dr Achieng \(camera off\)/)).toBeInTheDocument();
  });

  it('chats: shows the messages and sends what is typed', async () => {
    const engine = fakeEngine({ ...connected, chat: [{ id: '1', from: 'p1', name: 'Dr Achieng', text: 'Hello Amani', at: '2026-11-24T10:00:00Z', mine: false }] });
    room(engine);
    await userEvent.click(screen.getByRole('button', { name: 'Open chat (1 unread)' }));
    const chat = screen.getByRole('complementary', { name: 'Chat' });
    expect(within(chat).getByText('Hello Amani')).toBeInTheDocument();
    fireEvent.change(within(chat).getByRole('textbox', { name: 'Chat message' }), { target: { value: 'Hi, I can hear you' } });
    await userEvent.click(within(chat).getByRole('button', { name: 'Send message' }));
    expect(engine.sendChat).toHaveBeenCalledWith('Hi, I can hear you');
  });

  it('asks to retry or leave when the connection failed', async () => {
    const engine = fakeEngine({ ...connected, status: 'failed', connectionFailed: true });
    const { onEnd, onLeave } = room(engine);
    const dialog = screen.getByRole('dialog', { name: 'Connection failed' });
    expect(dialog).toHaveTextContent('Unable to connect to the call. Check your internet connection.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Retry' }));
    expect(engine.retry).toHaveBeenCalled();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Leave call' }));
    expect(onLeave).toHaveBeenCalled();
    expect(onEnd).not.toHaveBeenCalled();
  });

  it('offers a client whose psychologist left Wait or Leave, never End', async () => {
    const engine = fakeEngine({ ...connected, participants: [], participantLeft: { name: 'Dr Achieng', reason: 'left' } });
    const { onEnd, onLeave } = room(engine);
    const dialog = screen.getByRole('dialog', { name: 'Participant left' });
    expect(dialog).toHaveTextContent('Dr Achieng has left the call.');
    expect(within(dialog).queryByRole('button', { name: /End/ })).not.toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Leave call' }));
    expect(onLeave).toHaveBeenCalled();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Wait' }));
    expect(engine.dismissParticipantLeft).toHaveBeenCalled();
    expect(onEnd).not.toHaveBeenCalled();
  });

  it('lets the psychologist whose client left end the session, after confirming', async () => {
    const engine = fakeEngine({ ...connected, participants: [], participantLeft: { name: 'Amani', reason: 'left' } });
    const { onEnd } = room(engine, { psychologist: true });
    await userEvent.click(within(screen.getByRole('dialog', { name: 'Participant left' })).getByRole('button', { name: 'End session' }));
    const confirm = screen.getByRole('dialog', { name: 'End the session?' });
    expect(onEnd).not.toHaveBeenCalled();
    await userEvent.click(within(confirm).getByRole('button', { name: 'End session' }));
    expect(onEnd).toHaveBeenCalledTimes(1);
  });

  it('leaves without ending the session when the call cannot continue', async () => {
    const engine = fakeEngine({ status: 'failed', fatal: { code: 'room-full', message: 'This call already has the maximum number of participants.' } });
    const { onEnd, onLeave } = room(engine);
    const dialog = screen.getByRole('dialog', { name: 'You are no longer in the call' });
    expect(dialog).toHaveTextContent('This call already has the maximum number of participants.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Back to dashboard' }));
    expect(onLeave).toHaveBeenCalled();
    expect(onEnd).not.toHaveBeenCalled();
  });

  it('gives a client Leave only: no End session control', async () => {
    const { onEnd, onLeave } = room(fakeEngine(connected));
    expect(screen.queryByRole('button', { name: 'End session' })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Leave call' }));
    expect(onLeave).toHaveBeenCalled();
    expect(onEnd).not.toHaveBeenCalled();
  });

  it('keeps the session open when the psychologist does not confirm the end', async () => {
    const { onEnd, onLeave } = room(fakeEngine(connected), { psychologist: true });
    await userEvent.click(screen.getByRole('button', { name: 'End session' }));
    await userEvent.click(within(screen.getByRole('dialog', { name: 'End the session?' }))
      .getByRole('button', { name: 'Keep the session open' }));
    expect(onEnd).not.toHaveBeenCalled();
    expect(onLeave).not.toHaveBeenCalled();
  });

  it('ends the session from the psychologist controls once confirmed', async () => {
    const { onEnd, onLeave } = room(fakeEngine(connected), { psychologist: true });
    await userEvent.click(screen.getByRole('button', { name: 'End session' }));
    await userEvent.click(within(screen.getByRole('dialog', { name: 'End the session?' })).getByRole('button', { name: 'End session' }));
    expect(onEnd).toHaveBeenCalledTimes(1);
    expect(onLeave).not.toHaveBeenCalled();
  });
});

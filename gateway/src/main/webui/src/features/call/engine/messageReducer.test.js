import { describe, expect, it } from 'vitest';
import { MAX_CHAT, reduceMessage } from './messageReducer.js';

const start = {
  signaling: 'connecting', inRoom: false, waitingRoom: false, myPeerId: null, roomId: 'r1', peers: [],
  waitingList: [], chat: [], participantLeft: null, connectionFailed: false, fatal: null, notice: null,
};

/** Feeds messages one after the other; returns the last state and every effect in order. */
function run(...messages) {
  let state = start;
  const effects = [];
  for (const m of messages) {
    const next = reduceMessage(state, m);
    state = next.state;
    effects.push(...next.effects);
  }
  return { state, effects };
}

describe('reduceMessage', () => {
  it('joins as the newcomer: offers to everyone already there', () => {
    const { state, effects } = run({ type: 'existing-participants', peerId: 'me', participants: [{ peerId: 'p1', name: 'Dr A', role: 'psychologist', userId: 'u1' }] });
    expect(state).toMatchObject({ myPeerId: 'me', inRoom: true, waitingRoom: false, signaling: 'open', roomId: 'r1' });
    expect(state.peers).toEqual([{ peerId: 'p1', name: 'Dr A', role: 'psychologist', userId: 'u1' }]);
    expect(effects).toEqual([{ type: 'disconnect-all' }, { type: 'connect', peerId: 'p1', newcomer: true }]);
  });

  it('does not change the state it was given', () => {
    const before = JSON.stringify(start);
    run({ type: 'existing-participants', peerId: 'me', participants: [{ peerId: 'p1' }] }, { type: 'chat', from: 'p1', text: 'x', at: 't' });
    expect(JSON.stringify(start)).toBe(before);
  });

  it('waits in the waiting room until admitted', () => {
    expect(run({ type: 'waiting', peerId: 'me' }).state).toMatchObject({ waitingRoom: true, inRoom: false, myPeerId: 'me' });
    expect(run({ type: 'waiting', peerId: 'me' }, { type: 'admitted' }).state.waitingRoom).toBe(false);
  });

  it('answers a later joiner politely and takes them off the waiting list', () => {
    const { state, effects } = run(
      { type: 'existing-participants', peerId: 'me', participants: [] },
      { type: 'user-waiting', peerId: 'c1', userId: 'u1', name: 'Client' },
      { type: 'user-waiting', peerId: 'c1', userId: 'u1', name: 'Client' },
      { type: 'user-joined', peerId: 'c1', userId: 'u1', name: 'Client', role: 'client' },
    );
    expect(state.waitingList).toEqual([]);
    expect(state.peers.map((p) => p.peerId)).toEqual(['c1']);
    expect(effects.at(-1)).toEqual({ type: 'connect', peerId: 'c1', newcomer: false });
  });

  it('lists a waiting client once', () => {
    const { state } = run({ type: 'user-waiting', peerId: 'c1', name: 'A' }, { type: 'user-waiting', peerId: 'c1', name: 'A' });
    expect(state.waitingList).toHaveLength(1);
  });

  it('asks End/Wait when the last participant leaves, not when replaced by their own rejoin', () => {
    const replaced = run(
      { type: 'existing-participants', peerId: 'me', participants: [{ peerId: 'p1', name: 'Dr A' }] },
      { type: 'user-left', peerId: 'p1', reason: 'replaced' },
    );
    expect(replaced.state.participantLeft).toBeNull();
    // its link carries the media until the rejoin's new link connects
    expect(replaced.effects.at(-1)).toEqual({ type: 'retire', peerId: 'p1', peer: { peerId: 'p1', name: 'Dr A', userId: undefined, role: undefined } });
    const left = run(
      { type: 'existing-participants', peerId: 'me', participants: [{ peerId: 'p1', name: 'Dr A' }, { peerId: 'p2', name: 'B' }] },
      { type: 'user-left', peerId: 'p1', reason: 'left' },
      { type: 'user-left', peerId: 'p2', reason: 'disconnected' },
    );
    expect(left.state.participantLeft).toEqual({ name: 'B', reason: 'disconnected' });
    expect(left.state.peers).toEqual([]);
  });

  it('forgets a waiting client who goes away without asking anything', () => {
    const { state, effects } = run({ type: 'user-waiting', peerId: 'c1', name: 'A' }, { type: 'user-left', peerId: 'c1', reason: 'disconnected' });
    expect(state.waitingList).toEqual([]);
    expect(state.participantLeft).toBeNull();
    expect(effects).toEqual([]);
  });

  it('creates the link for an offer that overtakes its user-joined, and ignores a stray answer', () => {
    const sdp = { type: 'offer', sdp: 'v=0' };
    const { state, effects } = run({ type: 'offer', from: 'late', sdp }, { type: 'answer', from: 'nobody', sdp });
    expect(state.peers).toEqual([{ peerId: 'late' }]);
    expect(effects).toEqual([{ type: 'connect', peerId: 'late', newcomer: false }, { type: 'describe', peerId: 'late', sdp }]);
  });

  it('passes descriptions and candidates to known peers only', () => {
    const joined = { type: 'existing-participants', peerId: 'me', participants: [{ peerId: 'p1' }] };
    expect(run(joined, { type: 'answer', from: 'p1', sdp: 'a' }).effects.at(-1)).toEqual({ type: 'describe', peerId: 'p1', sdp: 'a' });
    expect(run(joined, { type: 'ice-candidate', from: 'p1', candidate: 'c' }).effects.at(-1)).toEqual({ type: 'candidate', peerId: 'p1', candidate: 'c' });
    expect(run({ type: 'ice-candidate', from: 'gone', candidate: 'c' }).effects).toEqual([]);
  });

  it('marks its own chat messages and keeps the last 200', () => {
    const chats = Array.from({ length: MAX_CHAT + 5 }, (_, i) => ({ type: 'chat', from: i % 2 ? 'me' : 'p1', name: 'n', text: `m${i}`, at: `t${i}` }));
    const { state } = run({ type: 'waiting', peerId: 'me' }, ...chats);
    expect(state.chat).toHaveLength(MAX_CHAT);
    expect(state.chat.at(-1)).toMatchObject({ text: `m${MAX_CHAT + 4}`, mine: false });
    expect(state.chat.at(-2).mine).toBe(true);
  });

  it('retries a join the service could not complete, but not a call already joined', () => {
    const first = run({ type: 'error', code: 'unavailable', message: 'bus down' });
    expect(first.state.notice).toMatch(/busy/);
    expect(first.effects.map((e) => e.type)).toEqual(['log', 'rejoin-later']);
    const inCall = run({ type: 'existing-participants', peerId: 'me', participants: [] }, { type: 'error', code: 'unavailable' });
    expect(inCall.effects.map((e) => e.type)).toEqual(['disconnect-all', 'log']);
    const rejoining = run(
      { type: 'existing-participants', peerId: 'me', participants: [] },
      { type: 'signaling-closed' },
      { type: 'error', code: 'unavailable' },
    );
    expect(rejoining.effects.at(-1)).toEqual({ type: 'rejoin-later' });
    expect(run({ type: 'error', code: 'not-in-room', message: 'late candidate' }).state.notice).toBeNull();
  });

  it('retires the old links on a rejoin and one whose instance was lost, so their media flows until the new links connect', () => {
    const rejoin = run(
      { type: 'existing-participants', peerId: 'me', participants: [{ peerId: 'p1', userId: 'u1', name: 'Dr A', role: 'psychologist' }] },
      { type: 'signaling-closed' },
      { type: 'existing-participants', peerId: 'me2', participants: [{ peerId: 'p9', userId: 'u1', name: 'Dr A', role: 'psychologist' }] },
    );
    expect(rejoin.effects.slice(-3)).toEqual([
      { type: 'retire', peerId: 'p1', peer: { peerId: 'p1', userId: 'u1', name: 'Dr A', role: 'psychologist' } },
      { type: 'disconnect-all' },
      { type: 'connect', peerId: 'p9', newcomer: true },
    ]);
    const lost = run(
      { type: 'existing-participants', peerId: 'me', participants: [{ peerId: 'p1', userId: 'u1', name: 'Dr A' }] },
      { type: 'user-left', peerId: 'p1', userId: 'u1', reason: 'instance-lost' },
    );
    expect(lost.effects.at(-1)).toMatchObject({ type: 'retire', peerId: 'p1', peer: { userId: 'u1' } });
    expect(lost.state.participantLeft).toBeNull();
    expect(lost.state.peers).toEqual([]);
  });

  it('keeps the room while the socket is down', () => {
    const { state } = run({ type: 'existing-participants', peerId: 'me', participants: [{ peerId: 'p1' }] }, { type: 'signaling-closed' });
    expect(state).toMatchObject({ signaling: 'reconnecting', inRoom: true });
    expect(state.peers).toHaveLength(1);
  });

  it('ends the call on a final error with a message the user understands', () => {
    const { state, effects } = run(
      { type: 'existing-participants', peerId: 'me', participants: [{ peerId: 'p1' }] },
      { type: 'fatal', code: 'room-full' },
    );
    expect(state.fatal).toEqual({ code: 'room-full', message: 'This call already has the maximum number of participants.' });
    expect(state.inRoom).toBe(false);
    expect(state.peers).toEqual([]);
    expect(effects.at(-1)).toEqual({ type: 'close-all' });
    expect(run({ type: 'fatal', code: 'other', message: 'server says no' }).state.fatal.message).toBe('server says no');
  });

  it('drops a leftover link without asking End/Wait', () => {
    const { state, effects } = run(
      { type: 'existing-participants', peerId: 'me', participants: [{ peerId: 'p1' }] },
      { type: 'link-dropped', peerId: 'p1' },
    );
    expect(state.peers).toEqual([]);
    expect(state.participantLeft).toBeNull();
    expect(effects.at(-1)).toEqual({ type: 'disconnect', peerId: 'p1' });
  });
});

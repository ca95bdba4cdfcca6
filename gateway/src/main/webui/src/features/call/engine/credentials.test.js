import { describe, expect, it } from 'vitest';
import { hasTurnServer, refreshDelayMs, refreshMarginMs, rtcConfiguration } from './credentials.js';

describe('TURN credential refresh', () => {
  const now = Date.parse('2026-11-24T10:00:00Z');

  it('refreshes 20 % of the lifetime before expiry', () => {
    const cfg = { ttl: 3600, expiresAt: '2026-11-24T11:00:00Z' };
    expect(refreshDelayMs(cfg, now)).toBe(3600_000 - 300_000);
    expect(refreshMarginMs(600)).toBe(120_000);
  });

  it('keeps at least a 30 s margin for short lifetimes', () => {
    expect(refreshMarginMs(60)).toBe(30_000);
  });

  it('uses ttl when expiresAt is missing', () => {
    expect(refreshDelayMs({ ttl: 600 }, now)).toBe(600_000 - 120_000);
  });

  it('never schedules in the past', () => {
    expect(refreshDelayMs({ ttl: 600, expiresAt: '2026-11-24T09:59:00Z' }, now)).toBe(5_000);
  });

  it('does not refresh credentials that never expire', () => {
    expect(refreshDelayMs({ iceServers: [] }, now)).toBeNull();
  });
});

describe('RTC configuration', () => {
  const cfg = { iceServers: [{ urls: ['stun:127.0.0.1:3478'] }, { urls: 'turn:127.0.0.1:3478?transport=udp', username: 'u', credential: 'c' }], iceTransportPolicy: 'all' };

  it('passes the servers and the server policy through', () => {
    expect(rtcConfiguration(cfg)).toEqual({ iceServers: cfg.iceServers, iceTransportPolicy: 'all', iceCandidatePoolSize: 1 });
    expect(rtcConfiguration({ ...cfg, iceTransportPolicy: 'relay' }).iceTransportPolicy).toBe('relay');
  });

  it('lets a forced relay policy win', () => {
    expect(rtcConfiguration(cfg, 'relay').iceTransportPolicy).toBe('relay');
  });

  it('detects TURN servers', () => {
    expect(hasTurnServer(cfg)).toBe(true);
    expect(hasTurnServer({ iceServers: [{ urls: 'stun:x' }] })).toBe(false);
    expect(hasTurnServer({})).toBe(false);
  });
});

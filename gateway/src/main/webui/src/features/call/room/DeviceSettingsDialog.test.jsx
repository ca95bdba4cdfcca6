// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import DeviceSettingsDialog from './DeviceSettingsDialog.jsx';

const devices = [
  { kind: 'videoinput', deviceId: 'cam-1', label: 'Built-in camera' },
  { kind: 'videoinput', deviceId: 'cam-2', label: 'USB camera' },
  { kind: 'audioinput', deviceId: 'mic-1', label: 'Built-in microphone' },
];

function engineWith(switchDevice) {
  return { currentDeviceId: (kind) => (kind === 'video' ? 'cam-1' : 'mic-1'), switchDevice: vi.fn(switchDevice) };
}

describe('DeviceSettingsDialog', () => {
  beforeEach(() => {
    vi.stubGlobal('navigator', { ...navigator, mediaDevices: { enumerateDevices: async () => devices } });
  });

  it('lists the cameras and switches to the one picked', async () => {
    const engine = engineWith(async () => {});
    render(<DeviceSettingsDialog open engine={engine} onClose={vi.fn()} onSpeaker={vi.fn()} />);
    const camera = await screen.findByRole('combobox', { name: 'Camera' });
    expect(camera).toHaveTextContent('Built-in camera');
    await userEvent.click(camera);
    await userEvent.click(within(screen.getByRole('listbox')).getByRole('option', { name: 'USB camera' }));
    expect(engine.switchDevice).toHaveBeenCalledWith('video', 'cam-2');
    expect(await screen.findByRole('combobox', { name: 'Camera' })).toHaveTextContent('USB camera');
  });

  it('says why a device could not be started', async () => {
    const engine = engineWith(async () => { throw new Error('The camera is in use by another application.'); });
    render(<DeviceSettingsDialog open engine={engine} onClose={vi.fn()} onSpeaker={vi.fn()} />);
    await userEvent.click(await screen.findByRole('combobox', { name: 'Camera' }));
    await userEvent.click(within(screen.getByRole('listbox')).getByRole('option', { name: 'USB camera' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The camera is in use by another application.');
  });

  it('closes with Done', async () => {
    const onClose = vi.fn();
    render(<DeviceSettingsDialog open engine={engineWith(async () => {})} onClose={onClose} onSpeaker={vi.fn()} />);
    await userEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(onClose).toHaveBeenCalled();
  });
});

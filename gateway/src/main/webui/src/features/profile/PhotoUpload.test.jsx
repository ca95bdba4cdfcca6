// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import PhotoUpload from './PhotoUpload.jsx';
import { fakeServer, problem, signIn } from '../../shared/testing/fakeServer.js';

vi.mock('./shrinkPhoto.js', () => ({ shrinkPhoto: vi.fn(async () => new Blob(['jpeg bytes'], { type: 'image/jpeg' })) }));

beforeEach(() => {
  URL.createObjectURL = vi.fn(() => 'blob:photo');
  URL.revokeObjectURL = vi.fn();
});

function photoUpload(routes) {
  signIn({ id: 'psy-1', name: 'Dr Wanjiru', role: 'psychologist' });
  const server = fakeServer({
    'GET /api/psychologists/psy-1/photo': () => [404, problem(404, 'Not found', 'photo not found')],
    ...routes,
  });
  render(<PhotoUpload psychologistId="psy-1" name="Dr Wanjiru" />);
  return server;
}

const choose = () => fireEvent.change(screen.getByTestId('photo-input'), {
  target: { files: [new File(['big picture'], 'me.png', { type: 'image/png' })] },
});

describe('PhotoUpload', () => {
  it('sends the scaled-down JPEG with its type and then shows the new photo', async () => {
    let uploaded = false;
    const server = photoUpload({
      'PUT /api/psychologists/psy-1/photo': () => { uploaded = true; return { photo: '/api/psychologists/psy-1/photo?v=1' }; },
      'GET /api/psychologists/psy-1/photo': () => (uploaded ? 'the image' : [404, problem(404, 'Not found', 'photo not found')]),
    });
    await waitFor(() => expect(server.requests).toHaveLength(1));
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
    choose();
    expect(await screen.findByRole('status')).toHaveTextContent('Photo saved');
    const put = server.requests.find((r) => r.method === 'PUT');
    expect(put.headers['Content-Type']).toBe('image/jpeg');
    expect(put.body).toBeInstanceOf(Blob);
    await waitFor(() => expect(screen.getByRole('img', { name: 'Photo of Dr Wanjiru' })).toHaveAttribute('src', 'blob:photo'));
    expect(new URL(server.fetch.mock.calls.at(-1)[0], 'http://localhost').search).toBe('?v=1');
  });

  it("shows the server's refusal", async () => {
    photoUpload({
      'PUT /api/psychologists/psy-1/photo': () => [415, { ...problem(415, 'Unsupported media type', 'a photo is a JPEG, PNG or WebP image sent with its own type'), field: 'photo' }],
    });
    choose();
    expect(await screen.findByRole('alert')).toHaveTextContent('photo: a photo is a JPEG, PNG or WebP image');
  });
});

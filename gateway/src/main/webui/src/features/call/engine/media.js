// getUserMedia with the constraints of the plan (720p, echo cancellation, noise suppression)
// and a fallback to audio only when no camera is usable.

export function mediaConstraints({ cameraId, micId } = {}) {
  return {
    video: {
      width: { ideal: 1280 }, height: { ideal: 720 }, facingMode: 'user',
      ...(cameraId ? { deviceId: { exact: cameraId } } : {}),
    },
    audio: {
      echoCancellation: true, noiseSuppression: true, autoGainControl: true,
      ...(micId ? { deviceId: { exact: micId } } : {}),
    },
  };
}

/** Classifies a getUserMedia failure for the UI. */
export function mediaErrorKind(error) {
  switch (error?.name) {
    case 'NotAllowedError':
    case 'SecurityError':
    case 'PermissionDeniedError':
      return 'denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'not-found';
    case 'NotReadableError':
    case 'TrackStartError':
      return 'in-use';
    default:
      return 'other';
  }
}

export async function openLocalMedia(devices) {
  if (!navigator.mediaDevices?.getUserMedia) {
    const e = new Error('This browser cannot use a camera here (a secure https page is needed).');
    e.name = 'NotSupportedError';
    throw e;
  }
  const constraints = mediaConstraints(devices);
  try {
    return await navigator.mediaDevices.getUserMedia(constraints);
  } catch (e) {
    if (mediaErrorKind(e) === 'not-found' || mediaErrorKind(e) === 'in-use') {
      // No usable camera: join with the microphone only.
      return navigator.mediaDevices.getUserMedia({ audio: constraints.audio, video: false });
    }
    throw e;
  }
}

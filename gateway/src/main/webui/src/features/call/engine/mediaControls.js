import { mediaConstraints } from './media.js';

/**
 * This side's media in a call: camera and microphone on/off, switching devices, screen sharing.
 * Every change reaches every link through `replaceTrack` (no renegotiation); `update` puts what
 * the UI shows (cameraOn, micOn, screenSharing, …) into the call store.
 */
export class MediaControls {
  constructor({ localStream, links, state, update }) {
    this.localStream = localStream;
    this.links = links;
    this.state = state;
    this.update = update;
    this.screenTrack = null;
  }

  /** The track the video senders should carry now: the screen, the camera, or nothing. */
  outgoingVideoTrack() {
    if (this.screenTrack) return this.screenTrack;
    if (!this.state().cameraOn) return null;
    return this.localStream?.getVideoTracks()[0] ?? null;
  }

  setCamera(on) {
    const camera = this.localStream?.getVideoTracks()[0];
    if (!camera) return;
    camera.enabled = on;
    // Replacing with null stops frames entirely (a disabled track would still send black ones).
    if (!this.screenTrack) this.links().replaceVideoTrack(on ? camera : null);
    this.update({ cameraOn: on });
  }

  toggleCamera() { this.setCamera(!this.state().cameraOn); }

  toggleMic() {
    const on = !this.state().micOn;
    (this.localStream?.getAudioTracks() ?? []).forEach((t) => { t.enabled = on; });
    this.update({ micOn: on });
  }

  /** Switches the camera or microphone mid-call: the new track replaces the old one on every link. */
  async switchDevice(kind, deviceId) {
    const video = kind === 'video';
    const constraints = mediaConstraints(video ? { cameraId: deviceId } : { micId: deviceId });
    const fresh = await navigator.mediaDevices.getUserMedia(video
      ? { video: constraints.video, audio: false }
      : { audio: constraints.audio, video: false });
    const track = video ? fresh.getVideoTracks()[0] : fresh.getAudioTracks()[0];
    const old = video ? this.localStream.getVideoTracks()[0] : this.localStream.getAudioTracks()[0];
    const { cameraOn, micOn } = this.state();
    track.enabled = video ? cameraOn : micOn;
    const others = this.localStream.getTracks().filter((t) => t !== old);
    // A new stream object, so the local preview re-renders with the new camera.
    this.localStream = new MediaStream([...others, track]);
    if (!video) this.links().replaceAudioTrack(track);
    else if (!this.screenTrack && cameraOn) this.links().replaceVideoTrack(track);
    old?.stop();
    this.update({ hasCamera: this.localStream.getVideoTracks().length > 0 });
  }

  currentDeviceId(kind) {
    const track = kind === 'video' ? this.localStream?.getVideoTracks()[0] : this.localStream?.getAudioTracks()[0];
    return track?.getSettings().deviceId ?? '';
  }

  async startScreenShare() {
    if (this.screenTrack) return;
    const display = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
    const track = display.getVideoTracks()[0];
    if (!track) return;
    if ('contentHint' in track) track.contentHint = 'detail';
    this.screenTrack = track;
    // The browser's own "Stop sharing" button ends the track.
    track.addEventListener('ended', () => this.stopScreenShare());
    await this.links().replaceVideoTrack(track);
    this.update({ screenSharing: true, screenStream: display });
  }

  async stopScreenShare() {
    const track = this.screenTrack;
    if (!track) return;
    this.screenTrack = null;
    track.stop();
    await this.links().replaceVideoTrack(this.outgoingVideoTrack());
    this.update({ screenSharing: false, screenStream: null });
  }

  /** Ends all local capture (the call is over). */
  stopAll() {
    this.screenTrack?.stop();
    this.localStream?.getTracks().forEach((t) => t.stop());
  }
}

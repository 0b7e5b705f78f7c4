export type { WebRtcSocketOptions } from './options.js';
export { WebRtcRealtimeSocket, webrtcSocket } from './webrtc-socket.js';

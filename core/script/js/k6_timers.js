// k6/timers: the same functions k6 also provides as globals.
import native from 'stampede:native/timers';

export const setTimeout = native.setTimeout;
export const setInterval = native.setInterval;
export const clearTimeout = native.clearTimeout;
export const clearInterval = native.clearInterval;

export default { setTimeout, setInterval, clearTimeout, clearInterval };

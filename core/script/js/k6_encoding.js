// k6/encoding: base64 in the variants std, rawstd, url and rawurl. The exports are
// the native functions, so errors point at the script's own call.
import native from 'stampede:native/encoding';

export const b64encode = native.encoding_b64encode;
export const b64decode = native.encoding_b64decode;

export default { b64encode, b64decode };

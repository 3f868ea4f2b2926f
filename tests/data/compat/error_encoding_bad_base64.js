// Negative: invalid base64 throws; the CLI reports it at this line.
import { b64decode } from 'k6/encoding';

export default function () {
    b64decode('aGVsbG8=', 'std', 's');
    b64decode('not base64!', 'std', 's');
}

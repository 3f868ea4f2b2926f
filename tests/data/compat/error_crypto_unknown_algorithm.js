// Negative: an unknown hash algorithm throws; the CLI reports it at this line.
import crypto from 'k6/crypto';

export default function () {
    crypto.sha256('ok', 'hex');
    crypto.createHash('sha3-256');
}

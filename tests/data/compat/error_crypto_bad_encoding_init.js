// Negative: a bad output encoding in the init context aborts the run (exit 107).
import { sha256 } from 'k6/crypto';

const digest = sha256('hello', 'utf-9');

export default function () {
    console.log(digest);
}

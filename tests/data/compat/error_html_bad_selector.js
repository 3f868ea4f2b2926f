// Negative: an invalid CSS selector throws; the CLI reports it at this line.
import { parseHTML } from 'k6/html';

export default function () {
    const doc = parseHTML('<p class="x">text</p>');
    doc.find('p').filter('.x').find('a[href');
}

// k6/html parseHTML(): the core Selection API on a fixed document.
import { parseHTML } from 'k6/html';
import html from 'k6/html';
import { check } from 'k6';

const page = `<!DOCTYPE html>
<html lang="en">
<head><title>Test page</title><meta name="description" content="a page"></head>
<body>
  <h1 id="top" class="title main">Hello &amp; welcome</h1>
  <ul id="list">
    <li class="item first">one</li>
    <li class="item">two <b>bold</b></li>
    <li class="item last" data-id="3">three</li>
  </ul>
  <a href="https://example.com/path?q=1#frag" rel="nofollow noopener">link</a>
  <p>Para <span>one</span></p><p>Para two</p>
  <br>
  <script>if (a < b) { x = "</p>"; }</script>
</body>
</html>`;

export default function () {
    const doc = parseHTML(page);
    check(doc, {
        'parseHTML returns a Selection of the document': (d) => d.size() === 1 && d.get(0).nodeName() === '#document',
        'default export has parseHTML': () => typeof html.parseHTML === 'function',
        'find by tag': (d) => d.find('li').size() === 3,
        'title text': (d) => d.find('title').text() === 'Test page',
        'entities decoded in text': (d) => d.find('h1').text() === 'Hello & welcome',
        'attr': (d) => d.find('html').attr('lang') === 'en' && d.find('a').attr('href') === 'https://example.com/path?q=1#frag',
        'attr missing is undefined': (d) => d.find('h1').attr('nope') === undefined,
        'attr default value': (d) => d.find('h1').attr('nope', 'dflt') === 'dflt',
        'meta content': (d) => d.find('meta[name=description]').attr('content') === 'a page',
        'text of several elements concatenates': (d) => d.find('li').text() === 'onetwo boldthree',
        'html is the inner HTML of the first element': (d) => d.find('li').eq(1).html() === 'two <b>bold</b>',
        'html escapes text': (d) => d.find('h1').html() === 'Hello &amp; welcome',
        'html of an empty selection is undefined': (d) => d.find('nothing').html() === undefined,
        'script text is raw': (d) => d.find('script').text() === 'if (a < b) { x = "</p>"; }',
        'void elements': (d) => d.find('body').html().includes('<br/>'),
        'size of an empty selection': (d) => d.find('table').size() === 0,
        'eq / first / last': (d) => d.find('li').eq(0).text() === 'one' && d.find('li').first().text() === 'one' &&
            d.find('li').last().text() === 'three' && d.find('li').eq(-1).text() === 'three' && d.find('li').eq(5).size() === 0,
        'each visits every element in order': (d) => {
            const seen = [];
            d.find('li').each((i, el) => seen.push(i + ':' + el.textContent()));
            return seen.join('|') === '0:one|1:two bold|2:three';
        },
        'map': (d) => d.find('li').map((i, s) => s.attr('class')).join(',') === 'item first,item,item last',
        'toArray gives Selections': (d) => {
            const arr = d.find('li').toArray();
            return arr.length === 3 && arr[2].text() === 'three' && typeof arr[0].find === 'function';
        },
        'get(i) gives Elements, get() all': (d) => d.find('li').get(1).textContent() === 'two bold' &&
            d.find('li').get().length === 3 && d.find('li').get(7) === undefined && d.find('li').get(-1).textContent() === 'three',
        'slice': (d) => d.find('li').slice(1).size() === 2 && d.find('li').slice(0, 1).text() === 'one' &&
            d.find('li').slice(-2, -1).text() === 'two bold',
        'children and parent': (d) => d.find('#list').children().size() === 3 && d.find('b').parent().is('li') &&
            d.find('#list').children('.last').text() === 'three',
        'is / filter / not': (d) => d.find('li').filter('.first').text() === 'one' && d.find('li').not('.first').size() === 2 &&
            d.find('li').is('.last') && !d.find('li').is('p'),
        'filter with a function': (d) => d.find('li').filter((i, s) => s.text().startsWith('t')).size() === 2,
        'val of a non-form element is undefined': (d) => d.find('h1').val() === undefined,
        'data()': (d) => d.find('li.last').data('id') === 3 && d.find('li.last').data().id === 3,
        'parses a fragment': () => parseHTML('<div><span>x</span></div>').find('span').text() === 'x',
        'parses an empty string': () => parseHTML('').find('body').size() === 1,
        'parses broken HTML': () => parseHTML('<div><p>unclosed <b>bold</div><i>after').find('i').text() === 'after',
        'NUL bytes do not cut the document short': () => parseHTML('<p>a\u0000b</p><i>after</i>').find('i').text() === 'after',
        'absurd nesting is cut off, not fatal': () => parseHTML('<div>'.repeat(100000) + '</div>'.repeat(100000)).find('div').size() > 100,
        'nth-child over a wide list': () => parseHTML('<ul>' + '<li>x</li>'.repeat(20000) + '</ul>').find('li:nth-child(19999)').size() === 1,
        'many documents are garbage collected': () => {
            for (let i = 0; i < 2000; i++) parseHTML(page).find('li').text();
            return true;
        },
    });
}

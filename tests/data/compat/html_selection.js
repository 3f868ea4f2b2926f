// k6/html: the CSS selector engine and Selection traversal on a fixed document.
import { parseHTML } from 'k6/html';
import { check } from 'k6';

const page = `<html><body>
<div id="main" class="box wide" data-role="container">
  <h2 class="head">Title</h2>
  <p id="p1" class="text intro" lang="en-US">First</p>
  <p id="p2" class="text">Second <a href="/docs/a.pdf" title="Doc A">A</a></p>
  <p id="p3" class="note text">Third <a href="https://x.test/b.html" title="doc b">B</a></p>
  <span id="s1">S</span>
  <ul>
    <li>1</li><li>2</li><li>3</li><li>4</li><li>5</li>
  </ul>
  <div class="inner"><p id="p4">Nested</p><em></em></div>
</div>
<div id="side" class="box"><p id="p5">Side</p><input type="checkbox" name="c" checked><input type="text" name="t" disabled></div>
<table><tr><td>c1</td><td>c2</td></tr></table>
</body></html>`;

function ids(sel) {
    return sel.map((i, s) => s.attr('id')).join(',');
}
function texts(sel) {
    return sel.map((i, s) => s.text()).join(',');
}

export default function () {
    const doc = parseHTML(page);
    const $ = (s) => doc.find(s);
    check(doc, {
        'type': () => $('p').size() === 5,
        'universal': () => $('#side *').size() === 3,
        '#id': () => $('#p2').text().startsWith('Second'),
        '.class': () => ids($('.text')) === 'p1,p2,p3',
        'two classes': () => ids($('p.text.note')) === 'p3',
        'type.class#id': () => ids($('p.intro#p1')) === 'p1',
        '[attr]': () => $('[title]').size() === 2,
        '[attr=v] quoted and bare': () => $('a[title="Doc A"]').text() === 'A' && $('input[type=checkbox]').size() === 1,
        '[attr^=v]': () => $('a[href^="https:"]').text() === 'B',
        '[attr$=v]': () => $('a[href$=".pdf"]').text() === 'A',
        '[attr*=v]': () => $('a[href*="docs"]').text() === 'A',
        '[attr~=v]': () => ids($('[class~=intro]')) === 'p1' && $('[class~=tex]').size() === 0,
        '[attr|=v]': () => ids($('[lang|=en]')) === 'p1',
        '[attr=v i]': () => $('a[title="DOC B" i]').text() === 'B',
        '[attr!=v]': () => $('p[id!=p1]').size() === 4,
        'descendant': () => ids($('#main p')) === 'p1,p2,p3,p4',
        'child >': () => ids($('#main > p')) === 'p1,p2,p3',
        'adjacent +': () => ids($('#p1 + p')) === 'p2' && $('h2 + span').size() === 0,
        'general sibling ~': () => ids($('#p2 ~ p')) === 'p3' && ids($('h2 ~ span')) === 's1',
        'comma groups in document order': () => ids($('#s1, #p1')) === 'p1,s1',
        ':first-child / :last-child': () => texts($('li:first-child')) === '1' && texts($('li:last-child')) === '5',
        ':nth-child(n)': () => texts($('li:nth-child(2)')) === '2',
        ':nth-child(odd/even)': () => texts($('li:nth-child(odd)')) === '1,3,5' && texts($('li:nth-child(even)')) === '2,4',
        ':nth-child(an+b)': () => texts($('li:nth-child(3n+1)')) === '1,4' && texts($('li:nth-child(-n+2)')) === '1,2',
        ':nth-last-child': () => texts($('li:nth-last-child(1)')) === '5',
        ':not()': () => texts($('li:not(:first-child):not(:last-child)')) === '2,3,4' && ids($('p:not(.text)')) === 'p4,p5',
        ':first-of-type / :last-of-type': () => ids($('#main > p:first-of-type')) === 'p1' && ids($('#main > p:last-of-type')) === 'p3',
        ':only-child / :empty': () => $('em:empty').size() === 1 && ids($('#side > p:only-child')) === '',
        ':has()': () => ids($('p:has(a)')) === 'p2,p3' && ids($('div[id]:has(#p4)')) === 'main' && $('div:has(#p4)').size() === 2,
        ':contains()': () => ids($('p:contains("Sec")')) === 'p2',
        ':checked / :disabled': () => $('input:checked').attr('name') === 'c' && $('input:disabled').attr('name') === 't',
        'tbody is implied for tables': () => $('table > tbody > tr > td').size() === 2,
        'find inside a selection stays inside': () => ids($('#side').find('p')) === 'p5',
        'selector matching uses ancestors outside the context': () => ids($('.inner').find('#main p')) === 'p4',
        'closest': () => $('a').first().closest('div').attr('id') === 'main' && $('#p4').closest('.box').attr('id') === 'main' &&
            $('#p4').closest('p').attr('id') === 'p4',
        'parents / parentsUntil': () => $('#p4').parents().map((i, s) => s.get(0).nodeName()).join(',') === 'div,div,body,html' &&
            $('#p4').parents('.box').attr('id') === 'main' && $('#p4').parentsUntil('body').size() === 2,
        'next / nextAll / nextUntil': () => ids($('#p1').next()) === 'p2' && ids($('#p1').nextAll('p')) === 'p2,p3' &&
            ids($('#p1').nextUntil('span')) === 'p2,p3' && $('#p1').next('span').size() === 0,
        'prev / prevAll / prevUntil': () => ids($('#s1').prev()) === 'p3' && ids($('#s1').prevAll('p')) === 'p3,p2,p1' &&
            ids($('#s1').prevUntil('#p1')) === 'p3,p2',
        'siblings': () => $('#p2').siblings().size() === 6,
        'contents includes text nodes': () => $('#p2').contents().size() === 2 && $('#p2').contents().first().text() === 'Second ',
        'has()': () => ids($('p').has('a')) === 'p2,p3',
        'is() with a Selection and a function': () => $('p').is($('#p3')) && !$('li').is($('#p3')) &&
            $('p').is((i, s) => s.attr('id') === 'p5'),
        'filter/not with a Selection': () => ids($('p').filter($('.note'))) === 'p3' && $('p').not($('.text')).size() === 2,
        'add': () => ids($('#p3').add('#p1')) === 'p1,p3',
        'end': () => ids($('#main').find('p').end()) === 'main',
        'index': () => $('#p2').index() === 2 && $('li').index($('li').eq(3)) === 3 && $('#p2').index('p') === 1,
        'attribute selector on data-*': () => $('[data-role=container]').attr('id') === 'main',
        'chaining': () => $('div').first().children('p').last().find('a').attr('title') === 'doc b',
        'invalid selector throws': () => {
            try {
                $('p[');
                return false;
            } catch (e) {
                return e.message.includes('invalid CSS selector "p["');
            }
        },
        'unsupported pseudo-class throws': () => {
            try {
                $('p:hover');
                return false;
            } catch (e) {
                return e.message.includes('unsupported pseudo-class :hover');
            }
        },
    });
}

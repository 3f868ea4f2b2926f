// k6/html Element objects (from Selection.get() and each()).
import { parseHTML } from 'k6/html';
import { check } from 'k6';

const page = `<html><head><title>T</title></head><body>
<h1 id="top">Lorem ipsum</h1>
<empty></empty>
<p>one</p>
<p>two</p>
pretext
<div id="div_elem" class="class1 class2" lang="en">innerfirst<h2 id="h2_elem" class="class2">Heading</h2><span id="span1"><b>test content</b></span><svg id="svg_elem"></svg><span id="span2">second span</span>innerlast</div>
aftertext
<!-- a comment -->
<footer>This is the footer.</footer>
<a id="link" href="https://user:pw@example.com:8443/p/a?x=1#h">go</a>
<table id="t"><thead><tr><th>h</th></tr></thead><tr><td>a</td><td id="cell">b</td></tr></table>
</body></html>`;

export default function () {
    const doc = parseHTML(page);
    const el = (s) => doc.find(s).get(0);
    const div = el('div');
    check(doc, {
        'nodeName / nodeType': () => el('#top').nodeName() === 'h1' && el('#top').nodeType() === 1,
        'nodeValue of a text node': () => el('#top').firstChild().nodeValue() === 'Lorem ipsum' &&
            el('#top').firstChild().nodeType() === 3 && el('#top').nodeValue() === undefined,
        'id / className / classList / lang': () => div.id() === 'div_elem' && div.className() === 'class1 class2' &&
            div.classList().join('|') === 'class1|class2' && div.lang() === 'en',
        'innerHTML / textContent': () => el('#span1').innerHTML() === '<b>test content</b>' && el('b').textContent() === 'test content',
        'ownerDocument': () => el('body').ownerDocument().nodeName() === '#document' && el('body').ownerDocument().nodeType() === 9,
        'attributes()': () => {
            const a = div.attributes();
            return a.id.value === 'div_elem' && a.id.name === 'id' && a.lang.value === 'en' && a.class.ownerElement.id() === 'div_elem';
        },
        'getAttribute / hasAttribute / getAttributeNode': () => div.getAttribute('id') === 'div_elem' && div.hasAttribute('lang') &&
            !div.hasAttribute('nope') && div.getAttributeNode('lang').value === 'en' && div.getAttributeNode('nope') === undefined,
        'hasAttributes / hasChildNodes': () => el('#top').hasAttributes() && !el('footer').hasAttributes() &&
            el('p').hasChildNodes() && !el('empty').hasChildNodes(),
        'first/last child (any node)': () => div.firstChild().nodeValue() === 'innerfirst' && div.lastChild().nodeValue() === 'innerlast',
        'first/last element child': () => div.firstElementChild().id() === 'h2_elem' && div.lastElementChild().id() === 'span2',
        'childElementCount / children / childNodes': () => div.childElementCount() === 4 && div.children().length === 4 &&
            div.childNodes().length === 6 && div.children()[1].id() === 'span1',
        'siblings': () => div.previousSibling().textContent().includes('pretext') && div.nextSibling().textContent().includes('aftertext') &&
            div.previousElementSibling().textContent() === 'two' && div.nextElementSibling().textContent() === 'This is the footer.',
        'parentElement / parentNode': () => div.parentElement().nodeName() === 'body' && el('html').parentNode().nodeName() === '#document' &&
            el('html').parentElement() === undefined,
        'comment nodes': () => doc.find('body').contents().filter((i, s) => s.get(0).nodeType() === 8).get(0).nodeValue() === ' a comment ',
        'toString': () => div.toString() === '[object html.Node]' && div.previousSibling().toString() === '[object #text]',
        'isSameNode / isEqualNode': () => !el('p').isSameNode(doc.find('p').get(1)) && el('p').isSameNode(doc.find('p').get(0)) &&
            doc.find('p').get(0).isEqualNode(doc.find('p').get(0)) && !doc.find('p').get(0).isEqualNode(doc.find('p').get(1)),
        'contains': () => el('html').contains(el('body')) && !el('body').contains(el('body')),
        'matches': () => div.matches('#div_elem') && div.matches('div.class1') && !div.matches('p'),
        'getElementsByClassName / TagName': () => el('body').getElementsByClassName('class2').map((e) => e.id()).join(',') === 'div_elem,h2_elem' &&
            el('body').getElementsByTagName('span').length === 2,
        'querySelector / querySelectorAll': () => el('body').querySelector('#div_elem').id() === 'div_elem' &&
            el('body').querySelectorAll('span').map((e) => e.id()).join(',') === 'span1,span2' && el('body').querySelector('nope') === undefined,
        'namespaceURI / isDefaultNamespace': () => el('#svg_elem').namespaceURI() === 'http://www.w3.org/2000/svg' &&
            !el('#svg_elem').isDefaultNamespace() && div.isDefaultNamespace(),
        'selection()': () => el('#span1').selection().closest('div').attr('id') === 'div_elem',
        'each passes Elements': () => {
            const names = [];
            doc.find('#div_elem').children().each((i, e) => names.push(e.nodeName()));
            return names.join(',') === 'h2,span,svg,span';
        },
        'anchor element': () => {
            const a = el('#link');
            return a.protocol() === 'https:' && a.hostname() === 'example.com' && a.port() === '8443' &&
                a.host() === 'example.com:8443' && a.pathname() === '/p/a' && a.search() === '?x=1' && a.hash() === '#h' &&
                a.username() === 'user' && a.password() === 'pw' && a.origin() === 'https://example.com:8443' && a.text() === 'go';
        },
        'table elements': () => {
            const t = el('#t');
            return t.rows().length === 2 && t.tHead().nodeName() === 'thead' && t.tBodies().length === 1 &&
                el('#cell').cellIndex() === 1 && t.rows()[1].rowIndex() === 1 && t.rows()[1].cells().length === 2;
        },
        'title element': () => el('title').text() === 'T',
    });
}

// k6/html form values: val(), serialize(), serializeArray(), serializeObject() and form elements.
import { parseHTML } from 'k6/html';
import { check } from 'k6';

const page = `<form id="f" action="/login" method="POST">
  <input type="text" name="user" value="ann lee">
  <input type="password" name="pass" value="s3cr&t">
  <input type="checkbox" name="remember" checked>
  <input type="checkbox" name="news" value="yes">
  <input type="radio" name="color" value="red">
  <input type="radio" name="color" value="blue" checked>
  <input type="hidden" name="token" value="abc=">
  <input type="text" name="off" value="x" disabled>
  <input type="submit" name="go" value="Go">
  <input type="text" value="no name">
  <select name="size"><option value="s">Small</option><option selected>Medium</option></select>
  <select name="tags" multiple><option value="a" selected>A</option><option value="b">B</option><option value="c" selected>C</option></select>
  <textarea name="bio">Hello
world</textarea>
  <button type="button" name="b" value="bv">Click</button>
</form>
<input id="lonely" type="text">
<input id="radio" type="radio">`;

export default function () {
    const doc = parseHTML(page);
    const form = doc.find('form');
    check(doc, {
        'val of inputs': () => doc.find('input[name=user]').val() === 'ann lee' && doc.find('#lonely').val() === '' &&
            doc.find('#radio').val() === 'on',
        'val of select': () => doc.find('select[name=size]').val() === 'Medium',
        'val of multiple select is an array': () => doc.find('select[name=tags]').val().join(',') === 'a,c',
        'val of textarea': () => doc.find('textarea').val() === 'Hello\nworld',
        'val of button': () => doc.find('button').val() === 'bv',
        'serializeArray': () => form.serializeArray().map((f) => f.name + '=' + f.value).join('&') ===
            'user=ann lee&pass=s3cr&t&remember=on&color=blue&token=abc=&size=Medium&tags=a,c&bio=Hello\nworld',
        'serializeObject': () => {
            const o = form.serializeObject();
            return o.user === 'ann lee' && o.color === 'blue' && o.remember === 'on' && o.news === undefined &&
                o.off === undefined && o.go === undefined && o.tags.join('|') === 'a|c';
        },
        'serialize (sorted, form-encoded)': () => form.serialize() ===
            'bio=Hello%0Aworld&color=blue&pass=s3cr%26t&remember=on&size=Medium&tags=a&tags=c&token=abc%3D&user=ann+lee',
        'serialize a set of fields': () => doc.find('input[name=user], input[name=token]').serialize() === 'token=abc%3D&user=ann+lee',
        'form element': () => {
            const f = form.get(0);
            return f.action() === '/login' && f.method() === 'post' && f.elements().length === 14 && f.length() === 14;
        },
        'input element': () => {
            const i = doc.find('input[name=remember]').get(0);
            return i.checked() && i.type() === 'checkbox' && i.name() === 'remember' && i.form().action() === '/login' &&
                doc.find('input[name=off]').get(0).disabled() && doc.find('#lonely').get(0).type() === 'text' &&
                doc.find('#lonely').get(0).form() === undefined;
        },
        'select element': () => {
            const s = doc.find('select[name=size]').get(0);
            const m = doc.find('select[name=tags]').get(0);
            return s.options().length === 2 && s.selectedIndex() === 1 && s.value() === 'Medium' && s.type() === 'select-one' &&
                m.type() === 'select-multiple' && m.selectedOptions().map((o) => o.value()).join(',') === 'a,c';
        },
        'option element': () => {
            const o = doc.find('option').get(1);
            return o.text() === 'Medium' && o.value() === 'Medium' && o.selected() && o.index() === 1 && o.label() === 'Medium';
        },
        'button element': () => doc.find('button').get(0).type() === 'button' && doc.find('button').get(0).value() === 'bv',
        'textarea element': () => doc.find('textarea').get(0).value() === 'Hello\nworld' && doc.find('textarea').get(0).length() === 11,
    });
}

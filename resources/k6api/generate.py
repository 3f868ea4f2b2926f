#!/usr/bin/env python3
"""Turns the .d.ts files of the npm package @types/k6 into k6api.json, the
compact description of the k6 JavaScript API behind the studio's completion.

    cd /tmp && npm pack @types/k6 && mkdir k6types && tar xzf types-k6-*.tgz -C k6types
    python3 resources/k6api/generate.py /tmp/k6types/k6 > resources/k6api/k6api.json

Output: {"source": "@types/k6 <version>",
         "modules": {"k6/http": [{"name", "kind", "signature", "doc", "members"?}, ...]},
         "options": [{"name", "type", "doc"}], "globals": [...same as exports...],
         "stats": {...}}
Only top-level declarations are read; a small scanner skips strings and comments
while it tracks braces, which is all .d.ts files need.
"""
import json
import os
import re
import sys

DECL = re.compile(
    r'^(?:export\s+)?(?:declare\s+)?(?:default\s+)?(abstract\s+class|class|function|const|let|var|interface|type|enum|namespace)\s+([A-Za-z_$][\w$]*)')


def scan(text):
    """Yields (depth, start, end, doc) for each statement start at any depth, with the
    doc comment just before it. Statements are cut at ';' or at the '{' ... '}' they open."""
    i, n, depth = 0, len(text), 0
    doc = None
    stmt_start = None
    out = []
    while i < n:
        c = text[i]
        if text.startswith('/*', i):
            j = text.find('*/', i + 2)
            j = n if j < 0 else j + 2
            if text.startswith('/**', i) and stmt_start is None:
                doc = text[i + 3:j - 2]
            i = j
            continue
        if text.startswith('//', i):
            j = text.find('\n', i)
            i = n if j < 0 else j + 1
            continue
        if c in '"\'`':
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == '\\' else 1
            i = j + 1
            continue
        if c.isspace():
            i += 1
            continue
        if stmt_start is None:
            stmt_start = i
            out.append([depth, i, None, doc])
            doc = None
        if c in '{([':
            depth += 1
            if c == '{':
                stmt_start = None  # the first member starts a statement one level down
        elif c in '})]':
            depth -= 1
            if c == '}':
                stmt_start = None
        elif c in ';,':
            stmt_start = None
        i += 1
    return out


def first_doc_line(doc):
    if not doc:
        return ''
    for line in doc.splitlines():
        line = line.strip().lstrip('*').strip()
        if line and not line.startswith('@') and not line.startswith('http'):
            return line
    return ''


def collapse(s, limit=160):
    s = re.sub(r'\s+', ' ', s).strip()
    return s if len(s) <= limit else s[:limit - 1] + '…'


def signature(text, start, kind, name):
    """The declaration head: for functions up to the end of the return type."""
    if kind != 'function':
        return ''
    j = text.find(name, start) + len(name)
    depth, k = 0, j
    while k < len(text):
        c = text[k]
        if c in '(<{[':
            depth += 1
        elif c in ')>}]':
            depth -= 1
        elif c == ';' and depth == 0:
            break
        k += 1
    sig = collapse(text[j:k])
    sig = re.sub(r'^<[^()]*?>', '', sig)  # drop leading generic parameters
    return sig


def member_names(text, stmts, parent_index, parent_depth):
    """Names of the members one level inside the declaration at stmts[parent_index]."""
    names = []
    for depth, start, _, doc in stmts[parent_index + 1:]:
        if depth <= parent_depth:
            break
        if depth != parent_depth + 1:
            continue
        m = re.match(r'(?:readonly\s+|static\s+|protected\s+|private\s+|public\s+|abstract\s+|async\s+|get\s+|set\s+)*([A-Za-z_$][\w$]*)\s*(\?)?\s*([(:<])', text[start:])
        if not m or text[start:].startswith(('protected', 'private')) or m.group(1) in ('constructor', '__brand'):
            continue
        kind = 'method' if m.group(3) in '(<' else 'property'
        if m.group(1) not in [x['name'] for x in names]:
            names.append({'name': m.group(1), 'kind': kind, 'doc': first_doc_line(doc)})
    return names


def read_module(path, globals_only=False):
    text = open(path, encoding='utf-8').read()
    stmts = scan(text)
    exports, options = [], []
    declared_any = []
    in_global_depth = None
    for idx, (depth, start, _, doc) in enumerate(stmts):
        head = text[start:start + 300]
        if head.startswith('declare global'):
            in_global_depth = depth
            continue
        want_depth = 1 if globals_only else 0
        if depth != want_depth:
            continue
        if not globals_only and not (head.startswith('export ') or head.startswith('declare ')):
            continue
        m = DECL.match(head)
        if not m:
            continue
        kind = m.group(1).replace('abstract ', '')
        name = m.group(2)
        if kind in ('let', 'var'):
            kind = 'const'
        if name == '_default':
            continue
        declared = head.startswith('declare ') and not head.startswith('declare global')
        entry = {'name': name, 'kind': kind}
        sig = signature(text, start, kind, name)
        if sig:
            entry['signature'] = sig
        d = first_doc_line(doc)
        if d:
            entry['doc'] = d
        if kind in ('class', 'const'):
            members = member_names(text, stmts, idx, depth)
            base = re.match(r'[^{]*?\bextends\s+([A-Za-z_$][\w$]*)', head)
            if base:
                entry['extends'] = base.group(1)
            if members:
                entry['members'] = members
        if kind == 'interface' and name == 'Options':
            for mem in member_names(text, stmts, idx, depth):
                options.append({'name': mem['name'], 'doc': mem['doc']})
        (declared_any if declared else exports).append(entry)
    # Members inherited from a class of the same module (Trend extends Metric).
    by_name = {e['name']: e for e in exports + declared_any}
    for e in exports + declared_any:
        base = by_name.get(e.pop('extends', None) or '')
        if base:
            own = {m['name'] for m in e.get('members', [])}
            inherited = [m for m in base.get('members', []) if m['name'] not in own]
            if inherited:
                e['members'] = e.get('members', []) + inherited
    # k6/secrets declares its functions and exports them through a default object.
    if not exports and declared_any:
        exports = declared_any
    # Overloads appear once.
    seen, unique = set(), []
    for e in exports:
        if e['name'] not in seen:
            seen.add(e['name'])
            unique.append(e)
    return unique, options


def main():
    root = sys.argv[1]
    version = json.load(open(os.path.join(root, 'package.json')))['version']
    modules, options, globals_ = {}, [], []
    for dirpath, _, files in sorted(os.walk(root)):
        for f in sorted(files):
            if not f.endswith('.d.ts'):
                continue
            path = os.path.join(dirpath, f)
            rel = os.path.relpath(path, root)
            if rel == 'global.d.ts':
                globals_, _ = read_module(path, globals_only=True)
                globals_ = [g for g in globals_ if g['kind'] not in ('interface', 'type')]
                continue
            mod = 'k6' if rel == 'index.d.ts' else 'k6/' + os.path.dirname(rel)
            exports, opts = read_module(path)
            if opts:
                options = opts
            modules[mod] = exports
    values = ('function', 'const', 'class', 'enum', 'namespace')
    stats = {
        'modules': len(modules),
        'exportedNames': sum(len(v) for v in modules.values()),
        'exportedValues': sum(1 for v in modules.values() for e in v if e['kind'] in values),
        'exportedTypes': sum(1 for v in modules.values() for e in v if e['kind'] not in values),
        'members': sum(len(e.get('members', [])) for v in modules.values() for e in v),
        'optionKeys': len(options),
        'globals': len(globals_),
    }
    json.dump({'source': '@types/k6 ' + version, 'modules': dict(sorted(modules.items())),
               'options': options, 'globals': globals_, 'stats': stats},
              sys.stdout, ensure_ascii=False, indent=0, separators=(',', ':'))
    sys.stdout.write('\n')
    print(json.dumps(stats), file=sys.stderr)


if __name__ == '__main__':
    main()

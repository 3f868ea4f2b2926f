// Native half of "k6/html": parsing (libxml2), selectors and DOM queries over
// documents owned by JS handles. JS sees nodes only as numbers into a document's
// node table, so nothing in JS can point into a freed document: the document lives
// exactly as long as some Selection or Element still references its handle.

#include "core/script/modules/handle.h"
#include "core/script/modules/html_dom.h"
#include "core/script/modules/html_selector.h"
#include "core/script/modules/native.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace stampede::script {

using v8::FunctionCallbackInfo;
using v8::Local;
using v8::Value;

namespace {

using html::Document;

Local<v8::FunctionTemplate> documentClass(v8::Isolate *isolate)
{
    return handleClass(isolate, "html_Document");
}

Local<Value> arg(const FunctionCallbackInfo<Value> &args, int i)
{
    return i < args.Length() ? args[i] : Local<Value>(v8::Undefined(args.GetIsolate()));
}

const Document *docArg(const FunctionCallbackInfo<Value> &args)
{
    auto *doc = unwrapOwned<Document>(documentClass(args.GetIsolate()), arg(args, 0));
    if (!doc)
        throwError(args.GetIsolate(), "k6/html: not a parsed document (use parseHTML())", true);
    return doc;
}

bool idArg(const FunctionCallbackInfo<Value> &args, int i, const Document &doc, int &id)
{
    Local<Value> v = arg(args, i);
    const double d = v->IsNumber() ? v.As<v8::Number>()->Value() : -1;
    if (!(d >= 0) || d >= double(doc.size()) || d != double(int(d))) {
        throwError(args.GetIsolate(), "k6/html: invalid node reference", true);
        return false;
    }
    id = int(d);
    return true;
}

bool idsArg(const FunctionCallbackInfo<Value> &args, int i, const Document &doc, std::vector<int> &ids)
{
    v8::Isolate *isolate = args.GetIsolate();
    Local<v8::Context> ctx = isolate->GetCurrentContext();
    Local<Value> v = arg(args, i);
    if (!v->IsArray()) {
        throwError(isolate, "k6/html: invalid node list", true);
        return false;
    }
    auto arr = v.As<v8::Array>();
    ids.clear();
    ids.reserve(arr->Length());
    for (uint32_t k = 0; k < arr->Length(); ++k) {
        Local<Value> e;
        if (!arr->Get(ctx, k).ToLocal(&e))
            return false;
        const double d = e->IsNumber() ? e.As<v8::Number>()->Value() : -1;
        if (!(d >= 0) || d >= double(doc.size()) || d != double(int(d))) {
            throwError(isolate, "k6/html: invalid node reference", true);
            return false;
        }
        ids.push_back(int(d));
    }
    return true;
}

Local<v8::Array> idsToArray(v8::Isolate *isolate, const std::vector<int> &ids)
{
    std::vector<Local<Value>> values;
    values.reserve(ids.size());
    for (int id : ids)
        values.push_back(v8::Integer::New(isolate, id));
    return v8::Array::New(isolate, values.data(), values.size());
}

// Compiled selectors, per thread (each VU is a thread); immutable once parsed.
std::shared_ptr<const html::Selector> selectorArg(v8::Isolate *isolate, Local<Value> value)
{
    if (!value->IsString()) {
        throwError(isolate, "k6/html: a selector must be a string, got " + toStd(isolate, value), true);
        return nullptr;
    }
    thread_local std::unordered_map<std::string, std::shared_ptr<const html::Selector>> cache;
    const std::string text = toStd(isolate, value);
    if (auto it = cache.find(text); it != cache.end())
        return it->second;
    std::string error;
    auto sel = html::Selector::parse(text, error);
    if (!sel) {
        throwError(isolate, error);
        return nullptr;
    }
    if (cache.size() >= 256)
        cache.clear();
    cache.emplace(text, sel);
    return sel;
}

// One past the last id in the subtree of `id` (subtrees are contiguous id ranges).
size_t subtreeEnd(const Document &doc, int id)
{
    for (const xmlNode *n = doc.node(size_t(id)); n; n = n->parent) {
        if (n->next && doc.idOf(n->next) >= 0)
            return size_t(doc.idOf(n->next));
    }
    return doc.size();
}

// Appends `id` unless already present (results keep first-seen order).
struct IdList
{
    std::vector<int> ids;
    std::unordered_set<int> seen;
    void add(int id)
    {
        if (id >= 0 && seen.insert(id).second)
            ids.push_back(id);
    }
};

// html_parse(source) -> document handle
void parse(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    Local<Value> v = arg(args, 0);
    if (v->IsNullOrUndefined()) {
        throwError(isolate, "parseHTML() needs the HTML source as a string", true);
        return;
    }
    std::string source;
    if (!bytesOf(isolate, v, source))
        source = toStd(isolate, v); // like k6, anything else is converted to a string
    auto doc = Document::parse(source);
    if (!doc) {
        throwError(isolate, "parseHTML(): out of memory while parsing");
        return;
    }
    const auto bytes = int64_t(doc->memoryEstimate());
    Local<v8::Object> handle;
    if (wrapOwned(isolate, isolate->GetCurrentContext(), documentClass(isolate), std::move(doc), bytes)
            .ToLocal(&handle))
        args.GetReturnValue().Set(handle);
}

// html_select(doc, ids, selector, mode): mode is "find", "filter", "not", "has" or "closest".
void select(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    const Document *doc = docArg(args);
    std::vector<int> ids;
    if (!doc || !idsArg(args, 1, *doc, ids))
        return;
    auto sel = selectorArg(isolate, arg(args, 2));
    if (!sel)
        return;
    const std::string mode = toStd(isolate, arg(args, 3));
    std::vector<int> out;
    if (mode == "find") {
        // Node ids are in document order, and a subtree is a contiguous id range.
        std::vector<char> hit(doc->size(), 0);
        for (int id : ids) {
            const size_t end = subtreeEnd(*doc, id);
            for (size_t k = size_t(id) + 1; k < end; ++k) {
                if (!hit[k] && sel->matches(doc->node(k), *doc))
                    hit[k] = 1;
            }
        }
        for (size_t k = 0; k < hit.size(); ++k) {
            if (hit[k])
                out.push_back(int(k));
        }
    } else if (mode == "filter" || mode == "not") {
        const bool keep = mode == "filter";
        for (int id : ids) {
            if (sel->matches(doc->node(size_t(id)), *doc) == keep)
                out.push_back(id);
        }
    } else if (mode == "has") {
        for (int id : ids) {
            const size_t end = subtreeEnd(*doc, id);
            for (size_t k = size_t(id) + 1; k < end; ++k) {
                if (sel->matches(doc->node(k), *doc)) {
                    out.push_back(id);
                    break;
                }
            }
        }
    } else if (mode == "closest") {
        IdList list;
        for (int id : ids) {
            for (const xmlNode *n = doc->node(size_t(id)); n; n = n->parent) {
                if (sel->matches(n, *doc)) {
                    list.add(doc->idOf(n));
                    break;
                }
            }
        }
        out = std::move(list.ids);
    } else {
        throwError(isolate, "k6/html: unknown selection mode " + mode);
        return;
    }
    args.GetReturnValue().Set(idsToArray(isolate, out));
}

// html_nav(doc, ids, op, filterSelector?, untilSelector?, untilIds?)
void nav(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    const Document *doc = docArg(args);
    std::vector<int> ids;
    if (!doc || !idsArg(args, 1, *doc, ids))
        return;
    const std::string op = toStd(isolate, arg(args, 2));
    std::shared_ptr<const html::Selector> filter, until;
    if (!arg(args, 3)->IsNullOrUndefined() && !(filter = selectorArg(isolate, arg(args, 3))))
        return;
    if (!arg(args, 4)->IsNullOrUndefined() && !(until = selectorArg(isolate, arg(args, 4))))
        return;
    std::unordered_set<int> untilSet;
    if (!arg(args, 5)->IsNullOrUndefined()) {
        std::vector<int> u;
        if (!idsArg(args, 5, *doc, u))
            return;
        untilSet.insert(u.begin(), u.end());
    }
    auto stop = [&](const xmlNode *n) {
        return (until && until->matches(n, *doc)) || untilSet.count(doc->idOf(n)) > 0;
    };
    IdList list;
    for (int id : ids) {
        const xmlNode *n = doc->node(size_t(id));
        if (op == "parent") {
            list.add(doc->idOf(html::parentElement(n)));
        } else if (op == "parents" || op == "parentsUntil") {
            for (const xmlNode *p = html::parentElement(n); p; p = html::parentElement(p)) {
                if (op == "parentsUntil" && stop(p))
                    break;
                list.add(doc->idOf(p));
            }
        } else if (op == "children" || op == "contents") {
            for (const xmlNode *c = n->type == XML_DTD_NODE ? nullptr : n->children; c; c = c->next) {
                if (op == "contents" ? doc->idOf(c) >= 0 : html::isElement(c))
                    list.add(doc->idOf(c));
            }
        } else if (op == "next") {
            list.add(doc->idOf(html::nextElementSibling(n)));
        } else if (op == "prev") {
            list.add(doc->idOf(html::prevElementSibling(n)));
        } else if (op == "nextAll" || op == "nextUntil") {
            for (const xmlNode *s = html::nextElementSibling(n); s; s = html::nextElementSibling(s)) {
                if (op == "nextUntil" && stop(s))
                    break;
                list.add(doc->idOf(s));
            }
        } else if (op == "prevAll" || op == "prevUntil") {
            for (const xmlNode *s = html::prevElementSibling(n); s; s = html::prevElementSibling(s)) {
                if (op == "prevUntil" && stop(s))
                    break;
                list.add(doc->idOf(s));
            }
        } else if (op == "siblings") {
            const xmlNode *first = n->parent ? n->parent->children : n;
            for (const xmlNode *s = first; s; s = s->next) {
                if (s != n && html::isElement(s))
                    list.add(doc->idOf(s));
            }
        } else {
            throwError(isolate, "k6/html: unknown traversal " + op);
            return;
        }
    }
    std::vector<int> out;
    if (filter) {
        for (int id : list.ids) {
            if (filter->matches(doc->node(size_t(id)), *doc))
                out.push_back(id);
        }
    } else {
        out = std::move(list.ids);
    }
    args.GetReturnValue().Set(idsToArray(isolate, out));
}

// html_within(doc, ancestorIds, ids) -> the ids that are descendants of some ancestor
void within(const FunctionCallbackInfo<Value> &args)
{
    const Document *doc = docArg(args);
    std::vector<int> ancestors, ids, out;
    if (!doc || !idsArg(args, 1, *doc, ancestors) || !idsArg(args, 2, *doc, ids))
        return;
    for (int id : ids) {
        for (int a : ancestors) {
            if (html::contains(doc->node(size_t(a)), doc->node(size_t(id)))) {
                out.push_back(id);
                break;
            }
        }
    }
    args.GetReturnValue().Set(idsToArray(args.GetIsolate(), out));
}

// html_text(doc, ids) -> the text of all the nodes, concatenated
void text(const FunctionCallbackInfo<Value> &args)
{
    const Document *doc = docArg(args);
    std::vector<int> ids;
    if (!doc || !idsArg(args, 1, *doc, ids))
        return;
    std::string out;
    for (int id : ids)
        html::appendText(doc->node(size_t(id)), out);
    args.GetReturnValue().Set(str(args.GetIsolate(), out));
}

// html_html(doc, id, outer) -> serialised HTML
void htmlOf(const FunctionCallbackInfo<Value> &args)
{
    const Document *doc = docArg(args);
    int id = 0;
    if (!doc || !idArg(args, 1, *doc, id))
        return;
    std::string out;
    if (arg(args, 2)->BooleanValue(args.GetIsolate()))
        html::appendOuterHtml(doc->node(size_t(id)), out);
    else
        html::appendInnerHtml(doc->node(size_t(id)), out);
    args.GetReturnValue().Set(str(args.GetIsolate(), out));
}

// html_attr(doc, id, name) -> value or undefined
void attr(const FunctionCallbackInfo<Value> &args)
{
    const Document *doc = docArg(args);
    int id = 0;
    if (!doc || !idArg(args, 1, *doc, id))
        return;
    if (auto v = html::attribute(doc->node(size_t(id)), toStd(args.GetIsolate(), arg(args, 2))))
        args.GetReturnValue().Set(str(args.GetIsolate(), *v));
}

// html_attrs(doc, id) -> [name, value, name, value, ...]
void attrs(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    const Document *doc = docArg(args);
    int id = 0;
    if (!doc || !idArg(args, 1, *doc, id))
        return;
    std::vector<Local<Value>> values;
    for (const auto &[k, v] : html::attributes(doc->node(size_t(id)))) {
        values.push_back(str(isolate, k));
        values.push_back(str(isolate, v));
    }
    args.GetReturnValue().Set(v8::Array::New(isolate, values.data(), values.size()));
}

// html_info(doc, id) -> [nodeType, nodeName, nodeValue or undefined, namespaceURI]
void info(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    const Document *doc = docArg(args);
    int id = 0;
    if (!doc || !idArg(args, 1, *doc, id))
        return;
    const xmlNode *n = doc->node(size_t(id));
    const int type = html::nodeType(n);
    Local<Value> value = v8::Undefined(isolate);
    if ((type == html::TextNode || type == html::CommentNode) && n->content)
        value = str(isolate, reinterpret_cast<const char *>(n->content));
    std::string ns;
    if (type == html::ElementNode) {
        ns = "http://www.w3.org/1999/xhtml";
        for (const xmlNode *p = n; p; p = html::parentElement(p)) {
            if (html::nodeNameView(p) == "svg") {
                ns = "http://www.w3.org/2000/svg";
                break;
            }
            if (html::nodeNameView(p) == "math") {
                ns = "http://www.w3.org/1998/Math/MathML";
                break;
            }
        }
    }
    Local<Value> values[] = {v8::Integer::New(isolate, type), str(isolate, html::nodeName(n)), value,
                             str(isolate, ns)};
    args.GetReturnValue().Set(v8::Array::New(isolate, values, 4));
}

// html_rel(doc, id, relation) -> id or -1; relation: parentNode, firstChild, lastChild,
// previousSibling, nextSibling (any node type).
void rel(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    const Document *doc = docArg(args);
    int id = 0;
    if (!doc || !idArg(args, 1, *doc, id))
        return;
    const xmlNode *n = doc->node(size_t(id));
    const std::string r = toStd(isolate, arg(args, 2));
    const xmlNode *to = nullptr;
    const bool leaf = n->type == XML_DTD_NODE;
    if (r == "parentNode")
        to = n->parent;
    else if (r == "firstChild")
        to = leaf ? nullptr : n->children;
    else if (r == "lastChild")
        to = leaf ? nullptr : n->last;
    else if (r == "previousSibling")
        to = n->prev;
    else if (r == "nextSibling")
        to = n->next;
    args.GetReturnValue().Set(doc->idOf(to));
}

// True for an Error whose innermost frame is in one of the embedded k6 modules
// ("at f (k6/html:1:2)"), i.e. raised by the module itself rather than by a script callback.
bool raisedByModule(v8::Isolate *isolate, Local<v8::Context> ctx, Local<Value> exception)
{
    if (!exception->IsNativeError())
        return false;
    Local<Value> stack;
    if (!exception.As<v8::Object>()->Get(ctx, str(isolate, "stack")).ToLocal(&stack) || !stack->IsString())
        return false;
    const std::string s = toStd(isolate, stack);
    const size_t at = s.find("\n    at ");
    if (at == std::string::npos)
        return false;
    const size_t end = s.find('\n', at + 1);
    const std::string frame = s.substr(at + 1, end == std::string::npos ? std::string::npos : end - at - 1);
    return frame.find("(k6/") != std::string::npos || frame.find("at k6/") != std::string::npos;
}

// The function html_guard(fn) returns: calls fn, and re-raises the module's own errors
// from here, where the innermost JS frame is the script's call, so the error's
// location and stack point at the script rather than at k6/html.
void guarded(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    Local<v8::Context> ctx = isolate->GetCurrentContext();
    auto fn = args.Data().As<v8::Function>();
    std::vector<Local<Value>> argv(size_t(args.Length()));
    for (int i = 0; i < args.Length(); ++i)
        argv[size_t(i)] = args[i];
    Local<Value> exception;
    {
        v8::TryCatch tc(isolate);
        Local<Value> result;
        if (fn->Call(ctx, args.This(), int(argv.size()), argv.data()).ToLocal(&result)) {
            args.GetReturnValue().Set(result);
            return;
        }
        if (!tc.HasCaught() || tc.HasTerminated() || !tc.CanContinue() ||
            !raisedByModule(isolate, ctx, tc.Exception())) {
            tc.ReThrow();
            return;
        }
        exception = tc.Exception();
    }
    // Re-capture the stack from the script's frame, then throw from here (outside
    // the TryCatch above, which would swallow it).
    Local<Value> errorCtor, capture;
    if (ctx->Global()->Get(ctx, str(isolate, "Error")).ToLocal(&errorCtor) && errorCtor->IsObject() &&
        errorCtor.As<v8::Object>()->Get(ctx, str(isolate, "captureStackTrace")).ToLocal(&capture) &&
        capture->IsFunction()) {
        Local<Value> argv1[] = {exception};
        v8::TryCatch ignore(isolate);
        Local<Value> ignored;
        if (!capture.As<v8::Function>()->Call(ctx, errorCtor, 1, argv1).ToLocal(&ignored))
            ignore.Reset(); // keep the original stack
    }
    isolate->ThrowException(exception);
}

// html_guard(fn) -> a function that calls fn (see guarded()).
void guard(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    if (args.Length() < 1 || !args[0]->IsFunction()) {
        throwError(isolate, "html_guard() needs a function", true);
        return;
    }
    auto fn = args[0].As<v8::Function>();
    Local<v8::Function> wrapper;
    if (!v8::Function::New(isolate->GetCurrentContext(), guarded, fn, 0, v8::ConstructorBehavior::kThrow)
             .ToLocal(&wrapper))
        return;
    wrapper->SetName(fn->GetName().As<v8::String>());
    args.GetReturnValue().Set(wrapper);
}

} // namespace

void initHtmlNative(v8::Isolate *isolate, Local<v8::Context> ctx, Local<v8::Object> exports)
{
    setFunction(isolate, ctx, exports, "html_parse", parse);
    setFunction(isolate, ctx, exports, "html_select", select);
    setFunction(isolate, ctx, exports, "html_nav", nav);
    setFunction(isolate, ctx, exports, "html_within", within);
    setFunction(isolate, ctx, exports, "html_text", text);
    setFunction(isolate, ctx, exports, "html_html", htmlOf);
    setFunction(isolate, ctx, exports, "html_attr", attr);
    setFunction(isolate, ctx, exports, "html_attrs", attrs);
    setFunction(isolate, ctx, exports, "html_info", info);
    setFunction(isolate, ctx, exports, "html_rel", rel);
    setFunction(isolate, ctx, exports, "html_guard", guard);
}

} // namespace stampede::script

// Native half of "k6/data": SharedArray. The array is built once, by the first VU
// that constructs it, stored as JSON text per element, and each VU parses only the
// elements it reads.

#include "core/script/modules/native.h"

namespace stampede::script {

using v8::FunctionCallbackInfo;
using v8::Local;
using v8::Value;

namespace {

SharedArrayStore::Entry *entryOf(v8::Isolate *isolate, Local<Value> handle)
{
    if (!handle->IsExternal()) {
        throwError(isolate, "invalid SharedArray handle", true);
        return nullptr;
    }
    return static_cast<SharedArrayStore::Entry *>(handle.As<v8::External>()->Value());
}

void build(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    Local<v8::Context> ctx = isolate->GetCurrentContext();
    Vu::State &vu = currentVu(isolate);
    if (!vu.inInit) {
        throwError(isolate, "new SharedArray() can only be called in the init context");
        return;
    }
    const std::string name = toStd(isolate, args[0]);
    SharedArrayStore &store = vu.rt->sharedArrays;
    SharedArrayStore::Entry *entry = nullptr;
    bool mine = false;
    {
        std::lock_guard lock(store.mutex);
        auto &slot = store.byName[name];
        if (!slot) {
            slot = std::make_unique<SharedArrayStore::Entry>();
            mine = true;
        }
        entry = slot.get();
    }
    if (!mine) {
        // Another VU builds it: wait with the isolate unlocked (it may need this isolate).
        bool ready = false;
        {
            std::lock_guard lock(store.mutex);
            ready = entry->ready;
        }
        if (!ready) {
            withoutLock(vu, [&] {
                std::unique_lock lock(store.mutex);
                store.cv.wait(lock, [&] { return entry->ready; });
            });
        }
        if (!entry->error.empty()) {
            throwError(isolate, entry->error);
            return;
        }
        args.GetReturnValue().Set(v8::External::New(isolate, entry));
        return;
    }
    auto finish = [&](std::string error) {
        {
            std::lock_guard lock(store.mutex);
            entry->error = std::move(error);
            entry->ready = true;
        }
        store.cv.notify_all();
    };
    Local<Value> result;
    {
        v8::TryCatch tc(isolate);
        if (!args[1].As<v8::Function>()->Call(ctx, v8::Undefined(isolate), 0, nullptr).ToLocal(&result)) {
            finish("building SharedArray \"" + name + "\" failed: " + toStd(isolate, tc.Exception()));
            tc.ReThrow();
            return;
        }
    }
    if (!result->IsArray()) {
        const std::string error = "the function given to SharedArray \"" + name + "\" must return an array";
        finish(error);
        throwError(isolate, error, true);
        return;
    }
    auto array = result.As<v8::Array>();
    std::vector<std::string> elements;
    elements.reserve(array->Length());
    for (uint32_t i = 0; i < array->Length(); ++i) {
        Local<Value> item;
        Local<v8::String> json;
        v8::TryCatch tc(isolate);
        if (!array->Get(ctx, i).ToLocal(&item) || !v8::JSON::Stringify(ctx, item).ToLocal(&json)) {
            const std::string error = "element " + std::to_string(i) + " of SharedArray \"" + name
                                      + "\" cannot be copied as JSON"
                                      + (tc.HasCaught() ? ": " + toStd(isolate, tc.Exception()) : std::string());
            finish(error);
            tc.Reset();
            throwError(isolate, error, true);
            tc.ReThrow();
            return;
        }
        std::string text = toStd(isolate, json);
        elements.push_back(text == "undefined" ? std::string("null") : std::move(text));
    }
    {
        std::lock_guard lock(store.mutex);
        entry->elements = std::move(elements);
        entry->ready = true;
    }
    store.cv.notify_all();
    args.GetReturnValue().Set(v8::External::New(isolate, entry));
}

void length(const FunctionCallbackInfo<Value> &args)
{
    if (auto *e = entryOf(args.GetIsolate(), args[0]))
        args.GetReturnValue().Set(double(e->elements.size()));
}

void get(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    auto *e = entryOf(isolate, args[0]);
    if (!e)
        return;
    const double index = args[1]->NumberValue(isolate->GetCurrentContext()).FromMaybe(-1);
    if (!(index >= 0) || index >= double(e->elements.size()))
        return;
    Local<Value> parsed;
    if (v8::JSON::Parse(isolate->GetCurrentContext(), str(isolate, e->elements[size_t(index)])).ToLocal(&parsed))
        args.GetReturnValue().Set(parsed);
}

} // namespace

void initDataNative(v8::Isolate *isolate, Local<v8::Context> ctx, Local<v8::Object> exports)
{
    setFunction(isolate, ctx, exports, "data_build", build);
    setFunction(isolate, ctx, exports, "data_length", length);
    setFunction(isolate, ctx, exports, "data_get", get);
}

} // namespace stampede::script

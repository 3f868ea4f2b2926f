// Shared helpers for native modules, and the table of native modules.

#include "core/script/modules/native.h"

namespace stampede::script {

v8::Local<v8::Function> nativeFunction(v8::Isolate *isolate, v8::Local<v8::Context> ctx, const char *name, NativeFn fn)
{
    Vu::State &vu = currentVu(isolate);
    // Keyed by name and callback: two modules may use the same name for different functions.
    std::string key = name;
    key += '@';
    key += std::to_string(reinterpret_cast<uintptr_t>(fn));
    auto &slot = vu.host->templates[key];
    if (slot.IsEmpty()) {
        auto tmpl = v8::FunctionTemplate::New(isolate, fn, {}, {}, 0, v8::ConstructorBehavior::kThrow);
        tmpl->SetClassName(str(isolate, name));
        slot.Reset(isolate, tmpl);
    }
    // The function's name comes from the template's class name; setting it again per context
    // would give every instance its own property and map (about 400 bytes per function per VU).
    return slot.Get(isolate)->GetFunction(ctx).ToLocalChecked();
}

void setProperty(v8::Isolate *isolate, v8::Local<v8::Context> ctx, v8::Local<v8::Object> obj, std::string_view key,
                 v8::Local<v8::Value> value)
{
    obj->CreateDataProperty(ctx, str(isolate, key), value).Check();
}

v8::Local<v8::String> literalKey(v8::Isolate *isolate, const char *literal)
{
    IsolateHost &host = *currentVu(isolate).host;
    auto it = host.keys.find(literal);
    if (it == host.keys.end()) {
        auto s = v8::String::NewFromUtf8(isolate, literal, v8::NewStringType::kInternalized).ToLocalChecked();
        it = host.keys.emplace(literal, v8::Eternal<v8::String>(isolate, s)).first;
    }
    return it->second.Get(isolate);
}

void setProperty(v8::Isolate *isolate, v8::Local<v8::Context> ctx, v8::Local<v8::Object> obj, const char *key,
                 v8::Local<v8::Value> value)
{
    obj->CreateDataProperty(ctx, literalKey(isolate, key), value).Check();
}

void setFunction(v8::Isolate *isolate, v8::Local<v8::Context> ctx, v8::Local<v8::Object> obj, const char *name,
                 NativeFn fn)
{
    setProperty(isolate, ctx, obj, name, nativeFunction(isolate, ctx, name, fn));
}

std::vector<std::pair<std::string, std::string>> stringPairs(v8::Isolate *isolate, v8::Local<v8::Context> ctx,
                                                             v8::Local<v8::Value> value)
{
    std::vector<std::pair<std::string, std::string>> out;
    if (value.IsEmpty() || !value->IsObject())
        return out;
    auto o = value.As<v8::Object>();
    v8::Local<v8::Array> keys;
    if (!o->GetOwnPropertyNames(ctx).ToLocal(&keys))
        return out;
    for (uint32_t i = 0; i < keys->Length(); ++i) {
        v8::Local<v8::Value> k, v;
        if (keys->Get(ctx, i).ToLocal(&k) && o->Get(ctx, k).ToLocal(&v))
            out.emplace_back(toStd(isolate, k), toStd(isolate, v));
    }
    return out;
}

bool bytesOf(v8::Isolate *isolate, v8::Local<v8::Value> value, std::string &out)
{
    if (value->IsString()) {
        out = toStd(isolate, value);
        return true;
    }
    if (value->IsArrayBuffer()) {
        auto store = value.As<v8::ArrayBuffer>()->GetBackingStore();
        out.assign(static_cast<const char *>(store->Data()), store->ByteLength());
        return true;
    }
    if (value->IsArrayBufferView()) {
        auto view = value.As<v8::ArrayBufferView>();
        out.resize(view->ByteLength());
        view->CopyContents(out.data(), out.size());
        return true;
    }
    return false;
}

v8::Local<v8::ArrayBuffer> newArrayBuffer(v8::Isolate *isolate, std::string_view bytes)
{
    auto store = v8::ArrayBuffer::NewBackingStore(isolate, bytes.size());
    if (!bytes.empty())
        std::memcpy(store->Data(), bytes.data(), bytes.size());
    return v8::ArrayBuffer::New(isolate, std::move(store));
}

const std::vector<NativeModule> &nativeModules()
{
    // One line per native module; the JS half lives in core/script/js/.
    static const std::vector<NativeModule> modules = {
        {"stampede:native", initK6Native},
        {"stampede:native/http", initHttpNative},
        {"stampede:native/metrics", initMetricsNative},
        {"stampede:native/timers", initTimersNative},
        {"stampede:native/execution", initExecutionNative},
        {"stampede:native/data", initDataNative},
        {"stampede:native/crypto", initCryptoNative},
        {"stampede:native/encoding", initEncodingNative},
        {"stampede:native/html", initHtmlNative},
        {"stampede:native/ws", initWsNative},
        {"stampede:native/websockets", initWebsocketsNative},
    };
    return modules;
}

v8::Local<v8::Object> newDictionaryObject(v8::Isolate *isolate, v8::Local<v8::Context> ctx)
{
    // An object built property by property from C++ gets a new hidden class per property, and
    // hidden classes are per context: 20 functions cost about 2 KB in every VU. A dictionary-mode
    // object (what Object::New with a property list makes) has none.
    (void)ctx;
    v8::Local<v8::Value> objectPrototype = v8::Object::New(isolate)->GetPrototype();
    return v8::Object::New(isolate, objectPrototype, nullptr, nullptr, 0);
}

v8::Local<v8::Object> makeNativeModule(v8::Isolate *isolate, v8::Local<v8::Context> ctx, std::string_view name)
{
    for (const NativeModule &m : nativeModules()) {
        if (m.name == name) {
            auto exports = newDictionaryObject(isolate, ctx);
            m.init(isolate, ctx, exports);
            return exports;
        }
    }
    throwError(isolate, "unknown internal module " + std::string(name));
    return {};
}

} // namespace stampede::script

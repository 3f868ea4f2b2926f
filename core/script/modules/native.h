#pragma once

// Helpers for native module implementations (internal to core/script).

#include "core/script/internal.h"

namespace stampede::script {

using NativeFn = void (*)(const v8::FunctionCallbackInfo<v8::Value> &);

// Instantiates the per-isolate template of `fn` as a function of the current context.
// A plain object (Object.prototype) in dictionary mode, for objects C++ fills property by property.
v8::Local<v8::Object> newDictionaryObject(v8::Isolate *isolate, v8::Local<v8::Context> ctx);
v8::Local<v8::Function> nativeFunction(v8::Isolate *isolate, v8::Local<v8::Context> ctx, const char *name, NativeFn fn);
// obj[key] = value (as a data property).
void setProperty(v8::Isolate *isolate, v8::Local<v8::Context> ctx, v8::Local<v8::Object> obj, std::string_view key,
                 v8::Local<v8::Value> value);
// The same for a string literal key (only literals: the internalized key is cached by address).
void setProperty(v8::Isolate *isolate, v8::Local<v8::Context> ctx, v8::Local<v8::Object> obj, const char *literalKey,
                 v8::Local<v8::Value> value);
// A string literal as an internalized V8 string, cached per isolate.
v8::Local<v8::String> literalKey(v8::Isolate *isolate, const char *literal);
// obj[name] = native function.
void setFunction(v8::Isolate *isolate, v8::Local<v8::Context> ctx, v8::Local<v8::Object> obj, const char *name,
                 NativeFn fn);
// Own enumerable string properties of `value` as (key, String(value)) pairs; nothing if not an object.
std::vector<std::pair<std::string, std::string>> stringPairs(v8::Isolate *isolate, v8::Local<v8::Context> ctx,
                                                             v8::Local<v8::Value> value);
// The bytes of a string (UTF-8), ArrayBuffer or typed array.
bool bytesOf(v8::Isolate *isolate, v8::Local<v8::Value> value, std::string &out);
v8::Local<v8::ArrayBuffer> newArrayBuffer(v8::Isolate *isolate, std::string_view bytes);

// The native halves of the built-in modules. Each fills the exports object of the
// synthetic module "stampede:native/<name>", which only the embedded JS modules may import.
struct NativeModule
{
    std::string_view name; // "stampede:native/http"
    void (*init)(v8::Isolate *isolate, v8::Local<v8::Context> ctx, v8::Local<v8::Object> exports);
};
const std::vector<NativeModule> &nativeModules();

void initK6Native(v8::Isolate *, v8::Local<v8::Context>, v8::Local<v8::Object>);
void initHttpNative(v8::Isolate *, v8::Local<v8::Context>, v8::Local<v8::Object>);
void initMetricsNative(v8::Isolate *, v8::Local<v8::Context>, v8::Local<v8::Object>);
void initTimersNative(v8::Isolate *, v8::Local<v8::Context>, v8::Local<v8::Object>);
void initExecutionNative(v8::Isolate *, v8::Local<v8::Context>, v8::Local<v8::Object>);
void initDataNative(v8::Isolate *, v8::Local<v8::Context>, v8::Local<v8::Object>);
void initCryptoNative(v8::Isolate *, v8::Local<v8::Context>, v8::Local<v8::Object>);
void initEncodingNative(v8::Isolate *, v8::Local<v8::Context>, v8::Local<v8::Object>);
void initHtmlNative(v8::Isolate *, v8::Local<v8::Context>, v8::Local<v8::Object>);
void initWsNative(v8::Isolate *, v8::Local<v8::Context>, v8::Local<v8::Object>);
// The cookie jar of a k6/http CookieJar's handle (null/undefined: the VU's jar); nullptr if not a jar.
http::CookieJar *cookieJarOf(v8::Isolate *isolate, v8::Local<v8::Value> handle);
void registerWsMetrics(Vu::State &vu); // ws_connecting, ws_sessions, ... (k6/ws and k6/websockets)
void initWebsocketsNative(v8::Isolate *, v8::Local<v8::Context>, v8::Local<v8::Object>);

} // namespace stampede::script

// Native half of "k6/encoding": base64 in Go's four variants.

#include "core/script/modules/base64.h"
#include "core/script/modules/native.h"

namespace stampede::script {

using v8::FunctionCallbackInfo;
using v8::Local;
using v8::Value;

namespace {

// Like k6, an absent encoding means "std"; an unknown one is an error here rather
// than a silent fallback.
bool variantArg(v8::Isolate *isolate, const FunctionCallbackInfo<Value> &args, const char *fn,
                base64::Variant &variant)
{
    if (args.Length() < 2 || args[1]->IsUndefined() || args[1]->IsNull()) {
        variant = {false, true};
        return true;
    }
    const std::string name = toStd(isolate, args[1]);
    if (name.empty()) {
        variant = {false, true};
        return true;
    }
    if (auto v = base64::variantByName(name)) {
        variant = *v;
        return true;
    }
    throwError(isolate, std::string(fn) + "(): invalid encoding \"" + name +
                            "\": use \"std\", \"rawstd\", \"url\" or \"rawurl\"",
               true);
    return false;
}

// encoding_b64encode(input, encoding)
void b64encode(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    std::string bytes;
    if (args.Length() < 1 || !bytesOf(isolate, args[0], bytes)) {
        throwError(isolate, "b64encode(): the input must be a string or an ArrayBuffer", true);
        return;
    }
    base64::Variant variant;
    if (!variantArg(isolate, args, "b64encode", variant))
        return;
    args.GetReturnValue().Set(str(isolate, base64::encode(bytes, variant)));
}

// encoding_b64decode(input, encoding, format)
void b64decode(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    std::string text;
    if (args.Length() < 1 || !bytesOf(isolate, args[0], text)) {
        throwError(isolate, "b64decode(): the input must be a string or an ArrayBuffer", true);
        return;
    }
    base64::Variant variant;
    if (!variantArg(isolate, args, "b64decode", variant))
        return;
    size_t offset = 0;
    auto bytes = base64::decode(text, variant, offset);
    if (!bytes) {
        throwError(isolate, "b64decode(): illegal base64 data at input byte " + std::to_string(offset) + " (" +
                                (args.Length() > 1 && !args[1]->IsUndefined() ? toStd(isolate, args[1]) : "std") +
                                " encoding)");
        return;
    }
    if (args.Length() > 2 && args[2]->IsString() && toStd(isolate, args[2]) == "s")
        args.GetReturnValue().Set(str(isolate, *bytes));
    else
        args.GetReturnValue().Set(newArrayBuffer(isolate, *bytes));
}

} // namespace

void initEncodingNative(v8::Isolate *isolate, Local<v8::Context> ctx, Local<v8::Object> exports)
{
    setFunction(isolate, ctx, exports, "encoding_b64encode", b64encode);
    setFunction(isolate, ctx, exports, "encoding_b64decode", b64decode);
}

} // namespace stampede::script

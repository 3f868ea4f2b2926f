#pragma once

// JS objects that own a native value. The value is deleted when V8 collects the
// object (weak handle + finalizer), so per-iteration objects never accumulate.
// Only objects made here (checked with the class's template) are ever unwrapped.

#include "core/script/modules/native.h"

#include <memory>

namespace stampede::script {

// The per-isolate template of a native class whose instances own a native value
// (one internal field). `setup` adds prototype methods when the template is made.
v8::Local<v8::FunctionTemplate> handleClass(v8::Isolate *isolate, const char *className,
                                            void (*setup)(v8::Isolate *, v8::Local<v8::FunctionTemplate>) = nullptr);

namespace detail {


template <class T>
struct Owned
{
    v8::Global<v8::Object> handle;
    std::unique_ptr<T> value;
    int64_t externalBytes = 0;

    static void finalize(const v8::WeakCallbackInfo<Owned> &info)
    {
        Owned *self = info.GetParameter();
        self->handle.Reset();
        if (self->externalBytes)
            info.GetIsolate()->AdjustAmountOfExternalAllocatedMemory(-self->externalBytes);
        delete self;
    }
};

} // namespace detail

// A new JS object of class `tmpl` (from handleClass) owning `value`. `externalBytes` tells V8's GC
// how much native memory the object keeps alive.
template <class T>
v8::MaybeLocal<v8::Object> wrapOwned(v8::Isolate *isolate, v8::Local<v8::Context> ctx,
                                      v8::Local<v8::FunctionTemplate> tmpl, std::unique_ptr<T> value,
                                      int64_t externalBytes = 0)
{
    v8::Local<v8::Object> obj;
    if (!tmpl->InstanceTemplate()->NewInstance(ctx).ToLocal(&obj))
        return {};
    auto *owned = new detail::Owned<T>;
    owned->value = std::move(value);
    owned->externalBytes = externalBytes;
    owned->handle.Reset(isolate, obj);
    owned->handle.SetWeak(owned, &detail::Owned<T>::finalize, v8::WeakCallbackType::kParameter);
    obj->SetAlignedPointerInInternalField(0, owned);
    if (externalBytes)
        isolate->AdjustAmountOfExternalAllocatedMemory(externalBytes);
    return obj;
}

// The value owned by `value` if it is an object made by wrapOwned<T> with the same
// class template, else nullptr.
template <class T>
T *unwrapOwned(v8::Local<v8::FunctionTemplate> tmpl, v8::Local<v8::Value> value)
{
    if (value.IsEmpty() || !value->IsObject())
        return nullptr;
    auto obj = value.As<v8::Object>();
    if (!tmpl->HasInstance(obj) || obj->InternalFieldCount() < 1)
        return nullptr;
    auto *owned = static_cast<detail::Owned<T> *>(obj->GetAlignedPointerFromInternalField(0));
    return owned ? owned->value.get() : nullptr;
}

} // namespace stampede::script

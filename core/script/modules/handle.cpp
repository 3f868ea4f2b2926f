#include "core/script/modules/handle.h"

namespace stampede::script {

v8::Local<v8::FunctionTemplate> handleClass(v8::Isolate *isolate, const char *className,
                                            void (*setup)(v8::Isolate *, v8::Local<v8::FunctionTemplate>))
{
    // Keyed apart from native functions, which share the per-isolate template map.
    auto &slot = currentVu(isolate).host->templates[std::string("class:") + className];
    if (slot.IsEmpty()) {
        auto tmpl = v8::FunctionTemplate::New(isolate);
        tmpl->SetClassName(str(isolate, className));
        tmpl->InstanceTemplate()->SetInternalFieldCount(1);
        if (setup)
            setup(isolate, tmpl);
        slot.Reset(isolate, tmpl);
    }
    return slot.Get(isolate);
}

} // namespace stampede::script

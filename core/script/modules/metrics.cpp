// Native half of "k6/metrics": registering custom metrics and adding samples.

#include "core/script/modules/native.h"

#include <cmath>

namespace stampede::script {

namespace fs = std::filesystem;
using v8::FunctionCallbackInfo;
using v8::Local;
using v8::Value;

namespace {


void metricRegister(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    Vu::State &vu = currentVu(isolate);
    if (!vu.inInit) {
        throwError(isolate, "metrics must be created in the init context (at the top level of the script)");
        return;
    }
    const std::string name = toStd(isolate, args[0]);
    const std::string type = toStd(isolate, args[1]);
    const bool isTime = args[2]->BooleanValue(isolate);
    metrics::MetricType t = metrics::MetricType::Counter;
    if (type == "gauge")
        t = metrics::MetricType::Gauge;
    else if (type == "rate")
        t = metrics::MetricType::Rate;
    else if (type == "trend")
        t = metrics::MetricType::Trend;
    auto id = vu.rt->config.registry->add(name, t, isTime ? metrics::ValueType::Time : metrics::ValueType::Default);
    if (!id) {
        throwError(isolate, id.error().message);
        return;
    }
    args.GetReturnValue().Set(v8::Integer::NewFromUnsigned(isolate, *id));
}

void metricAdd(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    Local<v8::Context> ctx = isolate->GetCurrentContext();
    Vu::State &vu = currentVu(isolate);
    if (vu.inInit) {
        throwError(isolate, "metric.add() can only be called from VU code, not in the init context");
        return;
    }
    const auto id = metrics::MetricId(args[0]->Uint32Value(ctx).FromMaybe(0));
    const double value = args[1]->NumberValue(ctx).FromMaybe(NAN);
    if (std::isnan(value)) {
        throwError(isolate, "metric.add() needs a number", true);
        return;
    }
    auto tags = vu.baseTags();
    if (args[2]->IsObject()) {
        auto o = args[2].As<v8::Object>();
        Local<v8::Array> keys = o->GetOwnPropertyNames(ctx).ToLocalChecked();
        for (uint32_t i = 0; i < keys->Length(); ++i) {
            Local<Value> k = keys->Get(ctx, i).ToLocalChecked();
            tags.emplace_back(toStd(isolate, k), toStd(isolate, o->Get(ctx, k).ToLocalChecked()));
        }
    }
    vu.emit(id, value, std::make_shared<const metrics::TagSet>(std::move(tags)));
    args.GetReturnValue().Set(true);
}


} // namespace

void initMetricsNative(v8::Isolate *isolate, Local<v8::Context> ctx, Local<v8::Object> exports)
{
    setFunction(isolate, ctx, exports, "register", metricRegister);
    setFunction(isolate, ctx, exports, "add", metricAdd);
}

} // namespace stampede::script

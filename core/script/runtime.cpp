#include "core/script/internal.h"

#include "core/script/builtinsources.h"
#include "core/script/debugevents.h"
#include "core/util/duration.h"
#include "core/util/exitcodes.h"

#include <libplatform/libplatform.h>

#include <pthread.h>

#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

namespace stampede::script {

namespace fs = std::filesystem;

// ---------------------------------------------------------------- platform

namespace {

std::unique_ptr<v8::Platform> &platformSlot()
{
    static std::unique_ptr<v8::Platform> platform;
    return platform;
}

thread_local Vu::State *tls_runningVu = nullptr;

} // namespace

void initializeV8(const std::string &flags)
{
    static std::once_flag once;
    std::call_once(once, [&] {
        std::string all = "--no-expose-wasm " + flags;
        if (const char *extra = std::getenv("STAMPEDE_V8_FLAGS"))
            all += std::string(" ") + extra;
        v8::V8::SetFlagsFromString(all.c_str(), all.size());
        platformSlot() = v8::platform::NewDefaultPlatform(2);
        v8::V8::InitializePlatform(platformSlot().get());
        v8::V8::Initialize();
    });
}

int64_t unixNowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

namespace {

bool isAscii(std::string_view s)
{
    uint64_t high = 0;
    size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) { // eight bytes at a time
        uint64_t word;
        std::memcpy(&word, s.data() + i, 8);
        high |= word;
    }
    for (; i < s.size(); ++i)
        high |= static_cast<unsigned char>(s[i]);
    return (high & 0x8080808080808080ull) == 0;
}

} // namespace

v8::Local<v8::String> str(v8::Isolate *isolate, std::string_view s)
{
    // ASCII (response bodies and headers, mostly) is Latin-1 too: a plain copy instead of V8's
    // UTF-8 decoder, which costs more than the rest of making a 1 KiB body a string.
    if (isAscii(s))
        return v8::String::NewFromOneByte(isolate, reinterpret_cast<const uint8_t *>(s.data()),
                                          v8::NewStringType::kNormal, int(s.size()))
            .ToLocalChecked();
    return v8::String::NewFromUtf8(isolate, s.data(), v8::NewStringType::kNormal, int(s.size())).ToLocalChecked();
}

std::string toStd(v8::Isolate *isolate, v8::Local<v8::Value> value)
{
    if (value.IsEmpty())
        return {};
    v8::String::Utf8Value utf8(isolate, value);
    return *utf8 ? std::string(*utf8, size_t(utf8.length())) : std::string();
}

void throwError(v8::Isolate *isolate, const std::string &message, bool typeError)
{
    auto msg = str(isolate, message);
    isolate->ThrowException(typeError ? v8::Exception::TypeError(msg) : v8::Exception::Error(msg));
}

namespace {

// import() at run time: k6 allows imports only at the top of a module, so say so clearly.
v8::MaybeLocal<v8::Promise> onDynamicImport(v8::Local<v8::Context> ctx, v8::Local<v8::Data>, v8::Local<v8::Value>,
                                            v8::Local<v8::String> specifier, v8::Local<v8::FixedArray>)
{
    v8::Isolate *isolate = ctx->GetIsolate();
    v8::Local<v8::Promise::Resolver> resolver;
    if (!v8::Promise::Resolver::New(ctx).ToLocal(&resolver))
        return {};
    const std::string spec = toStd(isolate, specifier);
    resolver
        ->Reject(ctx, v8::Exception::Error(str(isolate, "dynamic import(\"" + spec
                                                             + "\") is not supported: import modules with a static "
                                                               "import statement at the top of the script")))
        .Check();
    return resolver->GetPromise();
}

} // namespace

IsolateHost::IsolateHost(size_t i, size_t semiSpaceBytes)
    : allocator(v8::ArrayBuffer::Allocator::NewDefaultAllocator()), index(i)
{
    v8::Isolate::CreateParams params;
    params.array_buffer_allocator = allocator.get();
    if (semiSpaceBytes) {
        // V8's young generation is two semi-spaces plus a third for new large objects.
        params.constraints.set_max_young_generation_size_in_bytes(3 * semiSpaceBytes);
        params.constraints.set_initial_young_generation_size_in_bytes(3 * semiSpaceBytes);
    }
    isolate = v8::Isolate::New(params);
    isolate->SetHostImportModuleDynamicallyCallback(onDynamicImport);
}

IsolateHost::~IsolateHost()
{
    {
        v8::Locker locker(isolate);
        templates.clear();
    }
    isolate->Dispose();
}

Result<std::shared_ptr<const std::string>> SourceCache::get(const fs::path &path)
{
    const std::string key = path.string();
    std::lock_guard lock(m_mutex);
    if (auto it = m_files.find(key); it != m_files.end())
        return it->second;
    if (key.rfind("http://", 0) == 0 || key.rfind("https://", 0) == 0) {
        // Remote modules (e.g. jslib.k6.io): fetched once per run, then shared like local files.
        http::Client client;
        http::Request req;
        req.url = key;
        req.timeout = std::chrono::seconds(30);
        const http::Response resp = client.perform(req);
        if (!resp.error.empty())
            return Error{"cannot fetch the remote module: " + resp.error, key};
        if (resp.status != 200)
            return Error{"cannot fetch the remote module: HTTP " + std::to_string(resp.status), key};
        auto content = std::make_shared<const std::string>(resp.body);
        m_files.emplace(key, content);
        return content;
    }
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        return Error{fs::exists(path, ec) ? "not a regular file" : "no such file", key};
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return Error{"cannot read the file", key};
    std::ostringstream ss;
    ss << in.rdbuf();
    auto content = std::make_shared<const std::string>(ss.str());
    m_files.emplace(key, content);
    return content;
}

// ---------------------------------------------------------------- errors

namespace {

// Builds an Error from a caught exception: message, location, source line and stack.
Error describeException(v8::Isolate *isolate, v8::Local<v8::Context> ctx, v8::Local<v8::Value> exception,
                        v8::Local<v8::Message> message)
{
    Error e;
    e.message = toStd(isolate, exception);
    if (message.IsEmpty() && !exception.IsEmpty())
        message = v8::Exception::CreateMessage(isolate, exception);
    if (!message.IsEmpty()) {
        e.file = toStd(isolate, message->GetScriptResourceName());
        e.line = message->GetLineNumber(ctx).FromMaybe(0);
        e.column = message->GetStartColumn(ctx).FromMaybe(-1) + 1;
        v8::Local<v8::String> src;
        if (message->GetSourceLine(ctx).ToLocal(&src))
            e.sourceLine = toStd(isolate, src);
    }
    if (!exception.IsEmpty() && exception->IsObject()) {
        // test.abort() outside an iteration throws an error marked for exit code 108.
        v8::Local<v8::Value> marker;
        if (exception.As<v8::Object>()->Get(ctx, str(isolate, "__stampedeAbort")).ToLocal(&marker) && marker->IsTrue())
            e.exitCode = int(ExitCode::ScriptAborted);
        v8::Local<v8::Value> stack;
        if (exception.As<v8::Object>()->Get(ctx, str(isolate, "stack")).ToLocal(&stack) && stack->IsString()) {
            // V8's stack starts with the message line; keep only the frames.
            std::string s = toStd(isolate, stack);
            const size_t at = s.find("\n    at ");
            e.stack = at == std::string::npos ? std::string() : s.substr(at + 1);
        }
    }
    // Thrown inside a built-in module (k6/...): point at the script line that called it.
    if (!e.file.empty() && e.file.front() != '/' && !e.stack.empty()) {
        size_t pos = 0;
        while ((pos = e.stack.find('/', pos)) != std::string::npos) {
            const size_t end = e.stack.find_first_of(")\n", pos);
            const std::string loc = e.stack.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
            const size_t c2 = loc.rfind(':');
            const size_t c1 = c2 == std::string::npos ? c2 : loc.rfind(':', c2 - 1);
            if (c1 != std::string::npos && (pos == 0 || e.stack[pos - 1] == '(' || e.stack[pos - 1] == ' ')) {
                e.file = loc.substr(0, c1);
                e.line = std::atoi(loc.c_str() + c1 + 1);
                e.column = std::atoi(loc.c_str() + c2 + 1);
                e.sourceLine.clear();
                if (auto src = currentVu(isolate).rt->sources.get(e.file); src && e.line > 0) {
                    const std::string &text = **src;
                    size_t lineStart = 0;
                    for (int l = 1; l < e.line && lineStart != std::string::npos; ++l) {
                        lineStart = text.find('\n', lineStart);
                        if (lineStart != std::string::npos)
                            ++lineStart;
                    }
                    if (lineStart != std::string::npos) {
                        const size_t lineEnd = text.find('\n', lineStart);
                        e.sourceLine = text.substr(lineStart, lineEnd == std::string::npos ? std::string::npos
                                                                                          : lineEnd - lineStart);
                    }
                }
                break;
            }
            pos = end == std::string::npos ? e.stack.size() : end;
        }
    }
    return e;
}


// Finds the line/column where `specifier` is written in `source` (for import errors).
void locateSpecifier(const std::string &source, const std::string &specifier, Error &e)
{
    for (const char quote : {'\'', '"', '`'}) {
        const std::string needle = quote + specifier + quote;
        const size_t pos = source.find(needle);
        if (pos == std::string::npos)
            continue;
        e.line = 1 + int(std::count(source.begin(), source.begin() + long(pos), '\n'));
        const size_t lineStart = source.rfind('\n', pos);
        const size_t start = lineStart == std::string::npos ? 0 : lineStart + 1;
        e.column = int(pos - start) + 1;
        const size_t end = source.find('\n', pos);
        e.sourceLine = source.substr(start, end == std::string::npos ? std::string::npos : end - start);
        return;
    }
}

bool isBuiltinSpecifier(std::string_view s)
{
    return s == "k6" || s.substr(0, 3) == "k6/";
}

const BuiltinSource *findBuiltin(std::string_view specifier)
{
    for (const BuiltinSource &b : builtinSources()) {
        if (b.specifier == specifier)
            return &b;
    }
    return nullptr;
}

// Modules k6 documents that Stampede does not provide yet.
bool isKnownUnimplementedK6Module(std::string_view s)
{
    static constexpr std::string_view known[] = {
        "k6/net/grpc",
        "k6/experimental/browser", "k6/browser", "k6/experimental/redis", "k6/experimental/streams",
        "k6/experimental/fs", "k6/experimental/csv", "k6/secrets"};
    return std::find(std::begin(known), std::end(known), s) != std::end(known);
}

v8::MaybeLocal<v8::Value> syntheticEvaluationSteps(v8::Local<v8::Context> ctx, v8::Local<v8::Module> module);

// Resolves `specifier` as imported by module `referrerKey` to a canonical key.
Result<std::string> resolveSpecifier(const std::string &specifier, const std::string &referrerKey)
{
    if (isBuiltinSpecifier(specifier)) {
        if (findBuiltin(specifier))
            return specifier;
        if (isKnownUnimplementedK6Module(specifier))
            return Error{"the k6 module \"" + specifier + "\" is not supported by Stampede yet"};
        return Error{"unknown module \"" + specifier + "\": there is no such k6 module"};
    }
    if (specifier.rfind("stampede:native", 0) == 0) {
        if (!isBuiltinSpecifier(referrerKey))
            return Error{"\"" + specifier + "\" is internal to Stampede and cannot be imported by scripts"};
        return specifier;
    }
    if (specifier.rfind("http://", 0) == 0 || specifier.rfind("https://", 0) == 0)
        return specifier;
    // Relative imports inside a remote module resolve against its URL.
    if (referrerKey.rfind("http://", 0) == 0 || referrerKey.rfind("https://", 0) == 0) {
        const size_t hostStart = referrerKey.find("://") + 3;
        const size_t pathStart = referrerKey.find('/', hostStart);
        const std::string origin = referrerKey.substr(0, pathStart);
        if (!specifier.empty() && specifier.front() == '/')
            return origin + specifier;
        if (specifier.rfind("./", 0) == 0 || specifier.rfind("../", 0) == 0) {
            const std::string base = pathStart == std::string::npos ? "/" : referrerKey.substr(pathStart);
            const fs::path joined = (fs::path(base).parent_path() / specifier).lexically_normal();
            return origin + joined.string();
        }
    }
    std::string path = specifier;
    if (path.rfind("file://", 0) == 0)
        path = path.substr(7);
    fs::path p(path);
    if (p.is_relative()) {
        if (!(path.rfind("./", 0) == 0 || path.rfind("../", 0) == 0))
            return Error{"module \"" + specifier + "\" could not be found: local modules must be imported "
                         "with a relative (./, ../) or absolute path"};
        p = fs::path(referrerKey).parent_path() / p;
    }
    return p.lexically_normal().string();
}

v8::MaybeLocal<v8::Module> resolveCallback(v8::Local<v8::Context> ctx, v8::Local<v8::String> specifier,
                                           v8::Local<v8::FixedArray>, v8::Local<v8::Module> referrer);

// Returns this VU's instance of the module `key`, compiling it on first use.
v8::MaybeLocal<v8::Module> loadModule(Vu::State &vu, v8::Local<v8::Context>, const std::string &key)
{
    v8::Isolate *isolate = vu.host->isolate;
    if (auto it = vu.modules.find(key); it != vu.modules.end())
        return it->second.Get(isolate);

    v8::Local<v8::Module> module;
    if (key.rfind("stampede:native", 0) == 0) {
        module = v8::Module::CreateSyntheticModule(isolate, str(isolate, key), {str(isolate, "default")},
                                                   syntheticEvaluationSteps);
    } else {
        std::string_view source;
        std::shared_ptr<const std::string> file;
        if (const BuiltinSource *b = findBuiltin(key)) {
            source = b->source;
        } else {
            auto loaded = vu.rt->sources.get(key);
            if (!loaded) {
                throwError(isolate, "cannot load module " + key + ": " + loaded.error().message);
                return {};
            }
            file = *loaded;
            source = *file;
        }
        v8::ScriptOrigin origin(isolate, str(isolate, key), 0, 0, false, -1, v8::Local<v8::Value>(), false, false,
                                true);
        v8::ScriptCompiler::Source src(str(isolate, source), origin);
        if (!v8::ScriptCompiler::CompileModule(isolate, &src).ToLocal(&module))
            return {};
    }
    vu.modules.emplace(key, v8::Global<v8::Module>(isolate, module));
    vu.moduleKeys.emplace(module->GetIdentityHash(), std::make_pair(v8::Global<v8::Module>(isolate, module), key));
    return module;
}

std::string keyOf(Vu::State &vu, v8::Local<v8::Module> module)
{
    v8::Isolate *isolate = vu.host->isolate;
    auto range = vu.moduleKeys.equal_range(module->GetIdentityHash());
    for (auto it = range.first; it != range.second; ++it) {
        if (it->second.first.Get(isolate) == module)
            return it->second.second;
    }
    return {};
}

v8::MaybeLocal<v8::Module> resolveCallback(v8::Local<v8::Context> ctx, v8::Local<v8::String> specifier,
                                           v8::Local<v8::FixedArray>, v8::Local<v8::Module> referrer)
{
    v8::Isolate *isolate = ctx->GetIsolate();
    Vu::State &vu = currentVu(isolate);
    const std::string spec = toStd(isolate, specifier);
    const std::string referrerKey = keyOf(vu, referrer);
    auto key = resolveSpecifier(spec, referrerKey);
    auto recordLocation = [&](const std::string &message) {
        if (vu.importError)
            return;
        Error e{message, referrerKey};
        if (auto src = vu.rt->sources.get(referrerKey))
            locateSpecifier(**src, spec, e);
        vu.importError = e;
    };
    if (!key) {
        recordLocation(key.error().message);
        throwError(isolate, key.error().message);
        return {};
    }
    // A module that fails to compile (a syntax error in an imported file) must not leave its
    // exception pending inside the resolver: V8 aborts on that. Catch it, remember where it is
    // (the imported file's line and column), and rethrow it past this handler.
    v8::TryCatch nested(isolate);
    v8::MaybeLocal<v8::Module> m = loadModule(vu, ctx, *key);
    if (m.IsEmpty()) {
        if (nested.HasCaught()) {
            Error e = describeCaught(isolate, ctx, nested);
            if (!vu.importError && e.line > 0 && !e.file.empty())
                vu.importError = e;
            recordLocation("cannot import \"" + spec + "\"");
            nested.ReThrow();
            return {};
        }
        recordLocation("cannot import \"" + spec + "\"");
    }
    return m;
}

v8::MaybeLocal<v8::Value> syntheticEvaluationSteps(v8::Local<v8::Context> ctx, v8::Local<v8::Module> module)
{
    v8::Isolate *isolate = ctx->GetIsolate();
    Vu::State &vu = currentVu(isolate);
    const std::string key = keyOf(vu, module);
    v8::Local<v8::Object> exports = makeNativeModule(isolate, ctx, key);
    if (exports.IsEmpty())
        return {};
    if (module->SetSyntheticModuleExport(isolate, str(isolate, "default"), exports).IsNothing())
        return {};
    v8::Local<v8::Promise::Resolver> resolver;
    if (!v8::Promise::Resolver::New(ctx).ToLocal(&resolver))
        return {};
    resolver->Resolve(ctx, v8::Undefined(isolate)).Check();
    return resolver->GetPromise();
}

// Runs the VU's event loop until `value` (maybe a promise) settles and nothing is
// left to run; returns the promise's result, or an error.
bool settle(v8::Isolate *isolate, Vu::State &vu, v8::Local<v8::Context> ctx, v8::Local<v8::Value> &value,
            Error &error)
{
    if (!runEventLoop(vu, ctx, {}, error)) {
        clearEventLoop(vu);
        vu.scenarioState = nullptr;
        return false;
    }
    if (!value->IsPromise())
        return true;
    auto promise = value.As<v8::Promise>();
    if (promise->State() == v8::Promise::kRejected) {
        error = describeException(isolate, ctx, promise->Result(), v8::Local<v8::Message>());
        return false;
    }
    // Still pending with an empty loop: nothing can ever resolve it (k6 ends the iteration too).
    value = promise->State() == v8::Promise::kFulfilled ? promise->Result() : v8::Undefined(isolate).As<v8::Value>();
    return true;
}

void setStackLimitForThisThread(v8::Isolate *isolate)
{
    // The fiber's stack when the VU is a fiber, else the thread's.
    void *low = nullptr;
    size_t size = 0;
    if (fiber::currentStack(low, size)) {
        // Leave 64 KiB for native code (ICU, GC) below the JS limit.
        const size_t margin = std::min<size_t>(64 * 1024, size / 4);
        isolate->SetStackLimit(reinterpret_cast<uintptr_t>(low) + margin);
    }
}

// Holds the isolate for the current thread while a VU runs JS.
class VuScope
{
public:
    explicit VuScope(Vu::State &vu)
        : m_vu(vu), m_locker(vu.host->isolate), m_isolateScope(vu.host->isolate), m_handles(vu.host->isolate),
          m_ctx(vu.context.Get(vu.host->isolate)), m_ctxScope(m_ctx), m_previous(tls_runningVu)
    {
        if (!vu.stackLimitSet) {
            setStackLimitForThisThread(vu.host->isolate);
            vu.stackLimitSet = true;
        }
        tls_runningVu = &vu;
    }
    ~VuScope() { tls_runningVu = m_previous; }
    v8::Local<v8::Context> context() const { return m_ctx; }

private:
    Vu::State &m_vu;
    v8::Locker m_locker;
    v8::Isolate::Scope m_isolateScope;
    v8::HandleScope m_handles;
    v8::Local<v8::Context> m_ctx;
    v8::Context::Scope m_ctxScope;
    Vu::State *m_previous;
};

void onInterrupt(v8::Isolate *isolate, void *data)
{
    if (tls_runningVu == data)
        isolate->TerminateExecution();
}

// A fiber VU that has run JavaScript for a whole time slice without waiting: let the other VUs
// of its worker run, then go on where it was. The isolate is this VU's alone (fiber VUs never
// share one), so it stays locked; it is only left (Isolate::Exit), as at every switch.
void onPreempt(v8::Isolate *isolate, void *data)
{
    auto *vu = static_cast<Vu::State *>(data);
    if (tls_runningVu != vu)
        return;
    tls_runningVu = nullptr;
    isolate->Exit();
    const bool yielded = fiber::yieldIfOverdue();
    isolate->Enter();
    tls_runningVu = vu;
    if (yielded && vu->shouldStop())
        isolate->TerminateExecution();
}

} // namespace

// ---------------------------------------------------------------- VU state

v8::MaybeLocal<v8::Object> requireEsModule(Vu::State &vu, v8::Local<v8::Context> ctx, const std::string &specifier)
{
    v8::Isolate *isolate = vu.host->isolate;
    auto key = resolveSpecifier(specifier, vu.rt->script.string());
    if (!key) {
        throwError(isolate, key.error().message);
        return {};
    }
    v8::Local<v8::Module> module;
    if (!loadModule(vu, ctx, *key).ToLocal(&module))
        return {};
    if (module->GetStatus() < v8::Module::kInstantiated
        && !module->InstantiateModule(ctx, resolveCallback).FromMaybe(false))
        return {};
    if (module->GetStatus() < v8::Module::kEvaluated) {
        v8::Local<v8::Value> result;
        if (!module->Evaluate(ctx).ToLocal(&result))
            return {};
        vu.microtasks->PerformCheckpoint(isolate);
    }
    if (module->GetStatus() == v8::Module::kErrored) {
        isolate->ThrowException(module->GetException());
        return {};
    }
    return module->GetModuleNamespace().As<v8::Object>();
}

Error describeCaught(v8::Isolate *isolate, v8::Local<v8::Context> ctx, const v8::TryCatch &tc)
{
    return describeException(isolate, ctx, tc.Exception(), tc.Message());
}

Vu::State &currentVu(v8::Isolate *isolate)
{
    return *static_cast<Vu::State *>(
        isolate->GetCurrentContext()->GetAlignedPointerFromEmbedderData(kVuStateSlot));
}

void withoutLock(Vu::State &vu, const std::function<void()> &fn)
{
    v8::Isolate *isolate = vu.host->isolate;
    Vu::State *running = tls_runningVu;
    tls_runningVu = nullptr;
    isolate->Exit();
    {
        v8::Unlocker unlocker(isolate);
        fn();
    }
    isolate->Enter();
    tls_runningVu = running;
    if (vu.shouldStop())
        isolate->TerminateExecution();
}

Vu::State::~State()
{
    {
        // Async requests still running refer to this VU: let them finish (they time out).
        stopRequested = true;
        std::unique_lock lock(asyncMutex);
        asyncCv.wait(lock, [this] { return asyncOutstanding.load() == 0; });
    }
    if (!host)
        return;
    v8::Locker locker(host->isolate);
    loop.timers.clear();
    {
        std::lock_guard lock(loop.mutex);
        loop.posted.clear(); // tasks may hold V8 handles: drop them while the isolate is locked
    }
    commonJsModules.clear();
    mainModule.Reset();
    responseClass.Reset();
    httpDefaults.reset();
    setupData.Reset();
    modules.clear();
    moduleKeys.clear();
    context.Reset();
}

void Vu::State::emit(metrics::MetricId metric, double value, metrics::TagSetPtr tags, int64_t timeNs)
{
    if (!rt->droppedSystemTags.empty() && tags) {
        std::vector<metrics::TagSet::Tag> kept;
        for (const auto &t : tags->tags()) {
            if (std::find(rt->droppedSystemTags.begin(), rt->droppedSystemTags.end(), t.first)
                == rt->droppedSystemTags.end())
                kept.push_back(t);
        }
        if (kept.size() != tags->tags().size())
            tags = std::make_shared<const metrics::TagSet>(std::move(kept));
    }
    buffer.push_back({metric, value, timeNs ? timeNs : unixNowNs(), std::move(tags)});
    if (buffer.size() >= 512)
        flush();
}

void Vu::State::flush()
{
    if (!buffer.empty())
        rt->config.samples->push(std::move(buffer));
    buffer.clear();
}

std::vector<metrics::TagSet::Tag> Vu::State::baseTags() const
{
    std::vector<metrics::TagSet::Tag> tags = rt->config.runTags;
    tags.insert(tags.end(), scenarioTags.begin(), scenarioTags.end());
    tags.insert(tags.end(), customTags.begin(), customTags.end());
    tags.emplace_back("scenario", scenario);
    tags.emplace_back("group", groupPath);
    return tags;
}

void Vu::State::appendBaseKey(std::string &key) const
{
    // Scenario tags follow from the scenario's name; custom (exec.vu.tags) ones can change any time.
    key += scenario;
    key += '\x1f';
    key += groupPath;
    for (const auto &[k, v] : customTags) {
        key += '\x1f';
        key += k;
        key += '=';
        key += v;
    }
    key += '\x1e';
}

metrics::TagSetPtr Vu::State::baseTagSet()
{
    appendBaseKey(tagCache.key());
    return tagCache.get([this] { return baseTags(); });
}

void Vu::State::log(LogLevel level, const std::string &text, LogSource source, const nlohmann::json *location) const
{
    if (rt->config.log)
        rt->config.log(level, source, text);
    if (debugEvents()) {
        static constexpr const char *levels[] = {"debug", "info", "warn", "error"};
        static constexpr const char *sources[] = {"console", "stacktrace", "runtime"};
        nlohmann::json r = {{"type", "console"},
                            {"level", levels[int(level)]},
                            {"source", sources[int(source)]},
                            {"text", text}};
        // Only on this VU's thread with its isolate entered can the stack say where the line came from.
        if (location)
            r["location"] = *location;
        else if (tls_runningVu == this)
            if (auto loc = userScriptLocation(host->isolate); !loc.is_null())
                r["location"] = std::move(loc);
        writeDebugEvent(*this, std::move(r));
    }
}

nlohmann::json userScriptLocation(v8::Isolate *isolate)
{
    auto trace = v8::StackTrace::CurrentStackTrace(isolate, 32);
    for (int i = 0; i < trace->GetFrameCount(); ++i) {
        auto frame = trace->GetFrame(isolate, i);
        const std::string file = toStd(isolate, frame->GetScriptName());
        // User modules are absolute paths or URLs; built-in modules are named "k6/http" and so on.
        if (!file.empty() && (file.front() == '/' || file.find("://") != std::string::npos))
            return {{"file", file}, {"line", frame->GetLineNumber()}, {"column", frame->GetColumn()}};
    }
    return nullptr;
}

void writeDebugEvent(const Vu::State &vu, nlohmann::json record)
{
    DebugEventWriter *w = vu.debugEvents();
    if (!w)
        return;
    record["vu"] = vu.id;
    record["iter"] = vu.iteration;
    record["stage"] = vu.stage;
    record["scenario"] = vu.scenario;
    record["group"] = vu.groupPath;
    w->write(record);
}

v8::Local<v8::Private> debugRequestIdKey(v8::Isolate *isolate)
{
    return v8::Private::ForApi(isolate, str(isolate, "stampede.debugRequestId"));
}

// ---------------------------------------------------------------- Vu

Vu::Vu(std::unique_ptr<State> state) : m_state(std::move(state)) {}

Vu::~Vu()
{
    fiber::setOverrunHandler(nullptr); // before the state the handler points at goes
}

int Vu::id() const
{
    return m_state->id;
}

void Vu::requestStop(bool forGood)
{
    State &s = *m_state;
    (forGood ? s.stopRequested : s.interruptRequested).store(true);
    {
        std::lock_guard lock(s.sleepMutex);
    }
    s.sleepCv.notify_all();
    {
        std::lock_guard lock(s.loop.mutex);
    }
    s.loop.cv.notify_all();
    s.host->isolate->RequestInterrupt(&onInterrupt, &s);
}

void Vu::setSetupData(std::string json)
{
    m_state->setupDataJson = std::move(json);
}

void Vu::releaseThread()
{
    v8::Locker locker(m_state->host->isolate);
    m_state->host->isolate->DiscardThreadSpecificMetadata();
}

IterationResult Vu::runIteration(ScenarioState &scenario)
{
    const std::string &exec = scenario.exec;
    State &vu = *m_state;
    if (vu.stopRequested.load())
        return {IterationOutcome::Interrupted, std::nullopt};
    v8::Isolate *isolate = vu.host->isolate;
    IterationResult result;
    {
        VuScope scope(vu);
        v8::Local<v8::Context> ctx = scope.context();
        vu.scenario = scenario.name;
        vu.scenarioState = &scenario;
        vu.scenarioTags.assign(scenario.tags.begin(), scenario.tags.end());
        if (&scenario != vu.lastScenario) {
            vu.lastScenario = &scenario;
            vu.iterationInScenario = -1;
            // The scenario's env joins __ENV for its iterations.
            if (!scenario.env.empty()) {
                v8::Local<v8::Value> envValue;
                if (ctx->Global()->Get(ctx, str(isolate, "__ENV")).ToLocal(&envValue) && envValue->IsObject()) {
                    for (const auto &[k, v] : scenario.env)
                        envValue.As<v8::Object>()->Set(ctx, str(isolate, k), str(isolate, v)).Check();
                }
            }
        }
        vu.iterationInScenario++;
        vu.scenarioIteration = scenario.iterations.fetch_add(1);
        vu.interruptRequested.store(false);
        vu.iteration++;
        vu.stage = exec;
        vu.groups.clear();
        vu.groupPath.clear();
        const int64_t start = unixNowNs();
        const auto steadyStart = std::chrono::steady_clock::now();

        v8::TryCatch tc(isolate);
        ctx->Global()->Set(ctx, str(isolate, "__ITER"), v8::Number::New(isolate, double(vu.iteration))).Check();
        auto ns = vu.mainModule.Get(isolate)->GetModuleNamespace().As<v8::Object>();
        v8::Local<v8::Value> fnValue;
        if (!ns->Get(ctx, str(isolate, exec)).ToLocal(&fnValue) || !fnValue->IsFunction()) {
            result.outcome = IterationOutcome::Aborted;
            result.error = Error{"the script has no exported function \"" + exec + "\"", vu.rt->script.string()};
            return result;
        }
        v8::Local<v8::Value> value;
        v8::Local<v8::Value> arg = v8::Undefined(isolate);
        if (!vu.setupDataJson.empty() && vu.setupData.IsEmpty()) {
            // Each VU gets its own copy of setup()'s data, as in k6.
            v8::Local<v8::Value> parsed;
            if (v8::JSON::Parse(ctx, str(isolate, vu.setupDataJson)).ToLocal(&parsed))
                vu.setupData.Reset(isolate, parsed);
        }
        if (!vu.setupData.IsEmpty())
            arg = vu.setupData.Get(isolate);
        const bool called = fnValue.As<v8::Function>()->Call(ctx, v8::Undefined(isolate), 1, &arg).ToLocal(&value);
        Error asyncError;
        if (tc.HasTerminated() || vu.shouldStop()) {
            isolate->CancelTerminateExecution();
            result.outcome = IterationOutcome::Interrupted;
        } else if (!called) {
            result.outcome = IterationOutcome::Exception;
            result.error = describeCaught(isolate, ctx, tc);
        } else if (!settle(isolate, vu, ctx, value, asyncError)) {
            result.outcome = IterationOutcome::Exception;
            result.error = asyncError;
        }
        if (tc.HasTerminated() || (vu.shouldStop() && result.outcome == IterationOutcome::Completed)) {
            isolate->CancelTerminateExecution();
            result.outcome = IterationOutcome::Interrupted;
        }
        if (vu.abortMessage) {
            isolate->CancelTerminateExecution();
            result.outcome = IterationOutcome::Aborted;
            result.error = Error{"test aborted: " + *vu.abortMessage};
            if (const size_t c2 = vu.abortLocation.rfind(':'); c2 != std::string::npos) {
                const size_t c1 = vu.abortLocation.rfind(':', c2 - 1);
                result.error->file = vu.abortLocation.substr(0, c1);
                result.error->line = std::atoi(vu.abortLocation.c_str() + c1 + 1);
                result.error->column = std::atoi(vu.abortLocation.c_str() + c2 + 1);
            }
            result.error->exitCode = int(ExitCode::ScriptAborted);
        }
        clearEventLoop(vu);

        if (result.outcome != IterationOutcome::Interrupted) {
            const auto &b = vu.rt->config.registry->builtin();
            std::string &key = vu.tagCache.key();
            key += "iteration\x1f";
            key += scenario.name;
            for (const auto &[k, v] : vu.customTags) {
                key += '\x1f';
                key += k;
                key += '=';
                key += v;
            }
            auto tags = vu.tagCache.get([&] {
                std::vector<metrics::TagSet::Tag> tagList = vu.rt->config.runTags;
                tagList.insert(tagList.end(), vu.scenarioTags.begin(), vu.scenarioTags.end());
                tagList.insert(tagList.end(), vu.customTags.begin(), vu.customTags.end());
                tagList.emplace_back("scenario", scenario.name);
                return tagList;
            });
            const double ms =
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - steadyStart).count();
            vu.emit(b.iterationDuration, ms, tags, start);
            vu.emit(b.iterations, 1, tags, start);
        }
        vu.flush();
        while (v8::platform::PumpMessageLoop(platformSlot().get(), isolate)) {
        }
        // minIterationDuration: the VU rests for what is left (not part of iteration_duration).
        const auto minDur = vu.rt->config.minIterationDuration;
        if (minDur.count() > 0 && result.outcome == IterationOutcome::Completed) {
            const auto until = steadyStart + minDur;
            if (std::chrono::steady_clock::now() < until) {
                withoutLock(vu, [&] {
                    std::unique_lock lock(vu.sleepMutex);
                    vu.sleepCv.wait_until(lock, until, [&] { return vu.shouldStop(); });
                });
                if (vu.shouldStop())
                    isolate->CancelTerminateExecution();
            }
        }
    }
    if (result.error && result.outcome == IterationOutcome::Exception) {
        const Error &e = *result.error;
        nlohmann::json where;
        if (vu.debugEvents() && !e.file.empty() && e.line > 0)
            where = {{"file", e.file}, {"line", e.line}, {"column", e.column}};
        vu.log(LogLevel::Error, e.toDetailedString(), LogSource::Stacktrace, where.is_null() ? nullptr : &where);
    }
    return result;
}

// ---------------------------------------------------------------- Runtime

Result<std::unique_ptr<Vu>> Runtime::Impl::createVu(int id, IsolateHost &host)
{
    auto state = std::make_unique<Vu::State>();
    state->rt = this;
    state->host = &host;
    state->id = id;
    state->http = std::make_unique<http::Client>(config.http);
    v8::Isolate *isolate = host.isolate;

    v8::Locker locker(isolate);
    v8::Isolate::Scope isolateScope(isolate);
    if (!state->stackLimitSet && id != 0) {
        setStackLimitForThisThread(isolate);
        state->stackLimitSet = true;
    }
    v8::HandleScope handles(isolate);
    state->microtasks = v8::MicrotaskQueue::New(isolate, v8::MicrotasksPolicy::kExplicit);
    v8::Local<v8::Context> ctx = v8::Context::New(isolate, nullptr, v8::MaybeLocal<v8::ObjectTemplate>(),
                                                  v8::MaybeLocal<v8::Value>(),
                                                  v8::DeserializeInternalFieldsCallback(), state->microtasks.get());
    ctx->SetAlignedPointerInEmbedderData(kVuStateSlot, state.get());
    state->context.Reset(isolate, ctx);
    v8::Context::Scope ctxScope(ctx);
    Vu::State *previous = tls_runningVu;
    tls_runningVu = state.get();
    struct Restore { Vu::State *p; ~Restore() { tls_runningVu = p; } } restore{previous};

    installGlobals(isolate, ctx, *state);

    v8::TryCatch tc(isolate);
    v8::Local<v8::Module> module;
    if (!loadModule(*state, ctx, script.string()).ToLocal(&module))
        return describeCaught(isolate, ctx, tc);
    if (!module->InstantiateModule(ctx, resolveCallback).FromMaybe(false)) {
        Error e = describeCaught(isolate, ctx, tc);
        // Failed imports carry no location of their own: point at the import statement.
        if (state->importError && (e.line == 0 || e.file.empty())) {
            Error located = *state->importError;
            located.message = e.message.empty() ? located.message : e.message;
            return located;
        }
        if (e.file.empty())
            e.file = script.string();
        return e;
    }
    v8::Local<v8::Value> evaluated;
    if (!module->Evaluate(ctx).ToLocal(&evaluated))
        return describeCaught(isolate, ctx, tc);
    Error asyncError;
    if (!settle(isolate, *state, ctx, evaluated, asyncError))
        return asyncError;
    if (module->GetStatus() == v8::Module::kErrored)
        return describeException(isolate, ctx, module->GetException(), v8::Local<v8::Message>());
    state->mainModule.Reset(isolate, module);
    state->inInit = false;
    state->flush();
    // Fibers are not pre-empted: a VU that computes for a whole time slice is asked, through a
    // V8 interrupt, to let the others of its worker run (fiber::setOverrunHandler; ~Vu clears it).
    if (fiber::onFiber()) {
        Vu::State *raw = state.get();
        fiber::setOverrunHandler([isolate, raw] { isolate->RequestInterrupt(onPreempt, raw); });
    }
    return std::unique_ptr<Vu>(new Vu(std::move(state)));
}

Runtime::Runtime(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

Runtime::~Runtime()
{
    m_impl->probe.reset();
}

Result<std::unique_ptr<Runtime>> Runtime::load(RuntimeConfig config)
{
    initializeV8();
    auto impl = std::make_unique<Impl>();
    std::error_code ec;
    fs::path script = fs::absolute(config.script, ec).lexically_normal();
    if (!fs::exists(script, ec))
        return Error{"no such file", config.script.string()};
    if (!fs::is_regular_file(script, ec))
        return Error{"not a regular file", config.script.string()};
    impl->script = script;
    impl->config = std::move(config);
    impl->isolates.push_back(std::make_unique<IsolateHost>(0, 0));

    auto probe = impl->createVu(0, *impl->isolates.front());
    if (!probe)
        return probe.error();
    impl->probe = std::move(*probe);

    // Read the exports: options as JSON, and which functions exist.
    Vu::State &vu = *impl->probe->m_state;
    {
        VuScope scope(vu);
        v8::Isolate *isolate = vu.host->isolate;
        v8::Local<v8::Context> ctx = scope.context();
        v8::TryCatch tc(isolate);
        auto ns = vu.mainModule.Get(isolate)->GetModuleNamespace().As<v8::Object>();
        v8::Local<v8::Array> names;
        if (ns->GetOwnPropertyNames(ctx).ToLocal(&names)) {
            for (uint32_t i = 0; i < names->Length(); ++i) {
                v8::Local<v8::Value> name, value;
                if (!names->Get(ctx, i).ToLocal(&name) || !ns->Get(ctx, name).ToLocal(&value))
                    continue;
                if (value->IsFunction())
                    impl->functions.push_back(toStd(isolate, name));
            }
        }
        v8::Local<v8::Value> options;
        if (ns->Get(ctx, str(isolate, "options")).ToLocal(&options) && options->IsObject()) {
            v8::Local<v8::String> json;
            if (!v8::JSON::Stringify(ctx, options).ToLocal(&json)) {
                Error e = describeCaught(isolate, ctx, tc);
                e.message = "cannot read the exported options: " + e.message;
                if (e.file.empty())
                    e.file = impl->script.string();
                return e;
            }
            try {
                impl->options = nlohmann::json::parse(toStd(isolate, json));
            } catch (const std::exception &ex) {
                return Error{std::string("cannot read the exported options: ") + ex.what(), impl->script.string()};
            }
        } else if (!options.IsEmpty() && !options->IsUndefined()) {
            return Error{"the exported options must be an object", impl->script.string()};
        }
    }
    return std::unique_ptr<Runtime>(new Runtime(std::move(impl)));
}

const nlohmann::json &Runtime::exportedOptions() const
{
    return m_impl->options;
}

const std::vector<std::string> &Runtime::exportedFunctions() const
{
    return m_impl->functions;
}

bool Runtime::hasFunction(const std::string &name) const
{
    return std::find(m_impl->functions.begin(), m_impl->functions.end(), name) != m_impl->functions.end();
}

const fs::path &Runtime::scriptPath() const
{
    return m_impl->script;
}

void Runtime::configureVus(const http::ClientOptions &http, std::vector<metrics::TagSet::Tag> runTags,
                           InstanceState *instance, std::string optionsJson)
{
    RuntimeConfig &c = m_impl->config;
    c.http = http;
    // The probe VU runs setup() and teardown(): its client gets the run's HTTP options too
    // (nothing is lost: it has made no request yet).
    if (m_impl->probe && m_impl->probe->m_state->http)
        m_impl->probe->m_state->http = std::make_unique<http::Client>(c.http);
    c.runTags = std::move(runTags);
    c.instance = instance;
    c.optionsJson = std::move(optionsJson);
    try {
        const nlohmann::json o = nlohmann::json::parse(c.optionsJson);
        if (o.contains("rps") && o["rps"].is_number())
            c.rps = o["rps"].get<double>();
        if (o.contains("throw") && o["throw"].is_boolean())
            c.throwOnHttpError = o["throw"].get<bool>();
        if (o.contains("minIterationDuration")) {
            const auto &v = o["minIterationDuration"];
            if (v.is_number())
                c.minIterationDuration = std::chrono::nanoseconds(int64_t(v.get<double>() * 1e6));
            else if (v.is_string())
                if (auto d = parseDuration(v.get<std::string>()))
                    c.minIterationDuration = *d;
        }
        if (o.contains("systemTags") && o["systemTags"].is_array()) {
            c.systemTagsSet = true;
            c.systemTags.clear();
            for (const auto &t : o["systemTags"])
                if (t.is_string())
                    c.systemTags.push_back(t.get<std::string>());
        }
    } catch (const std::exception &) {
        // Options were validated before; nothing to add.
    }
    m_impl->droppedSystemTags.clear();
    if (c.systemTagsSet) {
        static const char *known[] = {"proto", "subproto", "status", "method", "url", "name", "group", "check",
                                      "error", "error_code", "tls_version", "scenario", "service",
                                      "expected_response", "vu", "iter", "ip", "ocsp_status"};
        for (const char *k : known) {
            if (std::find(c.systemTags.begin(), c.systemTags.end(), k) == c.systemTags.end())
                m_impl->droppedSystemTags.emplace_back(k);
        }
    }
}

void waitForRequestSlots(Vu::State &vu, int count)
{
    Runtime::Impl &rt = *vu.rt;
    if (rt.config.rps <= 0 || count <= 0)
        return;
    const auto interval = std::chrono::nanoseconds(int64_t(1e9 / rt.config.rps));
    std::chrono::steady_clock::time_point slot;
    {
        std::lock_guard lock(rt.rpsMutex);
        const auto now = std::chrono::steady_clock::now();
        slot = std::max(now, rt.rpsNext);
        rt.rpsNext = slot + interval * count;
    }
    if (slot <= std::chrono::steady_clock::now())
        return;
    withoutLock(vu, [&] {
        std::unique_lock lock(vu.sleepMutex);
        vu.sleepCv.wait_until(lock, slot, [&] { return vu.shouldStop(); });
    });
}

void Runtime::planVus(int maxVus, bool fiberVus)
{
    std::lock_guard lock(m_impl->isolatesMutex);
    m_impl->plannedVus = std::max(m_impl->plannedVus, maxVus);
    m_impl->fiberVus = fiberVus;
}

Result<std::unique_ptr<Vu>> Runtime::createVu(int id)
{
    IsolateHost *host = nullptr;
    {
        std::lock_guard lock(m_impl->isolatesMutex);
        auto &isolates = m_impl->isolates;
        const int planned = std::max(1, m_impl->plannedVus);
        if (m_impl->fiberVus) {
            // Fibers: an isolate per VU. Two VUs of one worker must never share one, and VUs of
            // different workers sharing one would block each other's whole worker on its Locker
            // (a VU spinning in JS would stop every VU of the other worker, not just itself).
            // One VU per isolate: a small young generation.
            const size_t slot = size_t(std::max(0, id - 1));
            while (isolates.size() <= 1 + slot)
                isolates.push_back(std::make_unique<IsolateHost>(isolates.size(), size_t(1) << 20));
            host = isolates[1 + slot].get();
        } else {
            if (isolates.size() == 1) {
                int n = m_impl->config.isolates;
                if (const char *env = std::getenv("STAMPEDE_ISOLATES"); env && n <= 0)
                    n = std::atoi(env);
                if (n <= 0)
                    n = int(std::max(1u, std::thread::hardware_concurrency()));
                n = std::max(1, std::min(n, planned));
                // The young generation is per isolate and grows under load up to its limit: V8's
                // default (16 MB semi-spaces) is nothing for a few VUs but 64 KB each for 500 VUs
                // on an isolate. So: 8 MB semi-spaces up to 32 VUs per isolate, then smaller, 1 MB
                // at 256+. It starts at that size, so a run's memory does not creep up for the
                // first minute while V8 grows it.
                const int perIsolate = std::max(1, (planned + n - 1) / n);
                const size_t semiBytes = std::clamp<size_t>(size_t(256 / perIsolate), 1, 8) * 1024 * 1024;
                for (int i = 0; i < n; ++i)
                    isolates.push_back(std::make_unique<IsolateHost>(isolates.size(), semiBytes));
            }
            const size_t i = 1 + m_impl->nextIsolate.fetch_add(1) % (isolates.size() - 1);
            host = isolates[i].get();
        }
    }
    return m_impl->createVu(id, *host);
}

Result<std::string> Runtime::callExport(const std::string &name, const std::vector<std::string> &jsonArgs,
                                        std::chrono::nanoseconds timeout, int timeoutExitCode)
{
    Vu::State &vu = *m_impl->probe->m_state;
    v8::Isolate *isolate = vu.host->isolate;
    vu.interruptRequested = false;
    // A watchdog stops the call when it runs past its timeout.
    std::mutex watchMutex;
    std::condition_variable watchCv;
    bool done = false;
    std::atomic<bool> timedOut{false};
    std::thread watchdog;
    if (timeout.count() > 0) {
        watchdog = std::thread([&] {
            std::unique_lock lock(watchMutex);
            if (!watchCv.wait_for(lock, timeout, [&] { return done; })) {
                timedOut = true;
                m_impl->probe->requestStop(false);
            }
        });
    }
    struct Finish
    {
        std::mutex &m;
        std::condition_variable &cv;
        bool &done;
        std::thread &t;
        ~Finish()
        {
            {
                std::lock_guard lock(m);
                done = true;
            }
            cv.notify_all();
            if (t.joinable())
                t.join();
        }
    } finish{watchMutex, watchCv, done, watchdog};
    auto timeoutError = [&]() -> Error {
        Error e{name + "() execution timed out after " + formatGoDuration(timeout), m_impl->script.string()};
        e.exitCode = timeoutExitCode;
        return e;
    };
    VuScope scope(vu);
    v8::Local<v8::Context> ctx = scope.context();
    vu.stage = name; // setup, teardown
    v8::TryCatch tc(isolate);
    auto ns = vu.mainModule.Get(isolate)->GetModuleNamespace().As<v8::Object>();
    v8::Local<v8::Value> fn;
    if (!ns->Get(ctx, str(isolate, name)).ToLocal(&fn) || !fn->IsFunction())
        return Error{"the script exports no function \"" + name + "\"", m_impl->script.string()};
    std::vector<v8::Local<v8::Value>> args;
    for (const std::string &a : jsonArgs) {
        v8::Local<v8::Value> v;
        if (!v8::JSON::Parse(ctx, str(isolate, a)).ToLocal(&v))
            return Error{"internal error: invalid JSON argument for " + name};
        args.push_back(v);
    }
    v8::Local<v8::Value> value;
    if (!fn.As<v8::Function>()->Call(ctx, v8::Undefined(isolate), int(args.size()), args.data()).ToLocal(&value)) {
        vu.flush();
        if (timedOut.load() || tc.HasTerminated()) {
            isolate->CancelTerminateExecution();
            vu.interruptRequested = false;
            return timeoutError();
        }
        return describeCaught(isolate, ctx, tc);
    }
    Error asyncError;
    const bool settled = settle(isolate, vu, ctx, value, asyncError);
    vu.flush();
    if (timedOut.load()) {
        isolate->CancelTerminateExecution();
        vu.interruptRequested = false;
        clearEventLoop(vu);
        return timeoutError();
    }
    if (!settled)
        return asyncError;
    if (value->IsUndefined())
        return std::string("null");
    v8::Local<v8::String> json;
    if (!v8::JSON::Stringify(ctx, value).ToLocal(&json)) {
        Error e = describeCaught(isolate, ctx, tc);
        e.message = name + "() returned a value that cannot be copied as JSON: " + e.message;
        return e;
    }
    const std::string text = toStd(isolate, json);
    return text.empty() || text == "undefined" ? std::string("null") : text;
}

Result<std::map<std::string, std::string>> Runtime::handleSummary(const std::string &summaryJson)
{
    Vu::State &vu = *m_impl->probe->m_state;
    v8::Isolate *isolate = vu.host->isolate;
    VuScope scope(vu);
    v8::Local<v8::Context> ctx = scope.context();
    vu.stage = "handleSummary";
    v8::TryCatch tc(isolate);
    auto ns = vu.mainModule.Get(isolate)->GetModuleNamespace().As<v8::Object>();
    v8::Local<v8::Value> fn, data, value;
    if (!ns->Get(ctx, str(isolate, "handleSummary")).ToLocal(&fn) || !fn->IsFunction())
        return Error{"the script exports no handleSummary()", m_impl->script.string()};
    if (!v8::JSON::Parse(ctx, str(isolate, summaryJson)).ToLocal(&data))
        return Error{"internal error: invalid summary data"};
    if (!fn.As<v8::Function>()->Call(ctx, v8::Undefined(isolate), 1, &data).ToLocal(&value))
        return describeCaught(isolate, ctx, tc);
    Error asyncError;
    if (!settle(isolate, vu, ctx, value, asyncError))
        return asyncError;
    std::map<std::string, std::string> out;
    if (value->IsNullOrUndefined())
        return out;
    if (!value->IsObject())
        return Error{"handleSummary() must return an object of outputs, such as { stdout: '...' }",
                     m_impl->script.string()};
    auto obj = value.As<v8::Object>();
    v8::Local<v8::Array> keys;
    if (!obj->GetOwnPropertyNames(ctx).ToLocal(&keys))
        return describeCaught(isolate, ctx, tc);
    for (uint32_t i = 0; i < keys->Length(); ++i) {
        v8::Local<v8::Value> k, v;
        if (!keys->Get(ctx, i).ToLocal(&k) || !obj->Get(ctx, k).ToLocal(&v))
            return describeCaught(isolate, ctx, tc);
        std::string content;
        if (v->IsArrayBuffer()) {
            auto store = v.As<v8::ArrayBuffer>()->GetBackingStore();
            content.assign(static_cast<const char *>(store->Data()), store->ByteLength());
        } else if (v->IsArrayBufferView()) {
            auto view = v.As<v8::ArrayBufferView>();
            content.resize(view->ByteLength());
            view->CopyContents(content.data(), content.size());
        } else {
            content = toStd(isolate, v);
        }
        out[toStd(isolate, k)] = std::move(content);
    }
    return out;
}

} // namespace stampede::script

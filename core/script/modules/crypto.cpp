// Native half of "k6/crypto": digests, HMAC, incremental hashers and random bytes (OpenSSL 3).

#include "core/script/modules/base64.h"
#include "core/script/modules/handle.h"
#include "core/script/modules/native.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/provider.h>
#include <openssl/rand.h>

#include <array>
#include <cstring>
#include <mutex>

namespace stampede::script {

using v8::FunctionCallbackInfo;
using v8::Local;
using v8::Value;

namespace {

// k6's algorithm names and OpenSSL's.
constexpr std::array<std::pair<std::string_view, const char *>, 9> kAlgorithms = {{
    {"md4", "MD4"},
    {"md5", "MD5"},
    {"sha1", "SHA1"},
    {"sha256", "SHA2-256"},
    {"sha384", "SHA2-384"},
    {"sha512", "SHA2-512"},
    {"sha512_224", "SHA2-512/224"},
    {"sha512_256", "SHA2-512/256"},
    {"ripemd160", "RIPEMD-160"},
}};

// A library context of our own with the default and legacy providers: MD4 lives in
// "legacy" in OpenSSL 3, and loading it here leaves the process-wide context (used by
// libcurl for TLS) untouched. Digests are fetched once and shared by every thread.
class Digests
{
public:
    static Digests &instance()
    {
        // Never destroyed: OpenSSL tears its own state down at exit.
        static Digests *d = new Digests;
        return *d;
    }

    // nullptr with `error` set when the algorithm is unknown or unavailable.
    const EVP_MD *get(std::string_view name, std::string &error) const
    {
        for (size_t i = 0; i < kAlgorithms.size(); ++i) {
            if (kAlgorithms[i].first == name) {
                if (!m_mds[i])
                    error = "hash algorithm \"" + std::string(name) + "\" is not available in this OpenSSL build" +
                            (m_legacyLoaded ? "" : " (the OpenSSL legacy provider could not be loaded)");
                return m_mds[i];
            }
        }
        error = "invalid hash algorithm \"" + std::string(name) +
                "\": use one of md4, md5, sha1, sha256, sha384, sha512, sha512_224, sha512_256, ripemd160";
        return nullptr;
    }

    OSSL_LIB_CTX *libctx() const { return m_libctx; }
    EVP_MAC *hmac() const { return m_hmac; }

private:
    Digests()
    {
        m_libctx = OSSL_LIB_CTX_new();
        if (!m_libctx)
            return;
        m_default = OSSL_PROVIDER_load(m_libctx, "default");
        m_legacy = OSSL_PROVIDER_load(m_libctx, "legacy");
        m_legacyLoaded = m_legacy != nullptr;
        for (size_t i = 0; i < kAlgorithms.size(); ++i)
            m_mds[i] = EVP_MD_fetch(m_libctx, kAlgorithms[i].second, nullptr);
        m_hmac = EVP_MAC_fetch(m_libctx, "HMAC", nullptr);
    }

    OSSL_LIB_CTX *m_libctx = nullptr;
    OSSL_PROVIDER *m_default = nullptr;
    OSSL_PROVIDER *m_legacy = nullptr;
    bool m_legacyLoaded = false;
    std::array<EVP_MD *, kAlgorithms.size()> m_mds{};
    EVP_MAC *m_hmac = nullptr;
};

struct MdCtxDeleter
{
    void operator()(EVP_MD_CTX *c) const { EVP_MD_CTX_free(c); }
};
struct MacCtxDeleter
{
    void operator()(EVP_MAC_CTX *c) const { EVP_MAC_CTX_free(c); }
};

// A running digest or HMAC. digest() finalises a copy, so a hasher can be digested
// repeatedly and keep accepting updates (as Go's hash.Hash does in k6).
class Hasher
{
public:
    static std::unique_ptr<Hasher> create(const EVP_MD *md, const std::string *key, std::string &error)
    {
        auto h = std::make_unique<Hasher>();
        if (!key) {
            h->m_md.reset(EVP_MD_CTX_new());
            if (!h->m_md || EVP_DigestInit_ex2(h->m_md.get(), md, nullptr) != 1) {
                error = "could not initialise the digest";
                return nullptr;
            }
            return h;
        }
        Digests &d = Digests::instance();
        if (!d.hmac()) {
            error = "HMAC is not available in this OpenSSL build";
            return nullptr;
        }
        h->m_mac.reset(EVP_MAC_CTX_new(d.hmac()));
        std::string mdName = EVP_MD_get0_name(md);
        OSSL_PARAM params[] = {
            OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, mdName.data(), 0),
            OSSL_PARAM_construct_end(),
        };
        // OpenSSL rejects a null key pointer even for an empty key.
        static const unsigned char empty = 0;
        const auto *keyBytes = key->empty() ? &empty : reinterpret_cast<const unsigned char *>(key->data());
        if (!h->m_mac || EVP_MAC_init(h->m_mac.get(), keyBytes, key->size(), params) != 1) {
            error = "could not initialise HMAC with " + mdName;
            return nullptr;
        }
        return h;
    }

    bool update(std::string_view data)
    {
        const auto *p = reinterpret_cast<const unsigned char *>(data.data());
        if (m_md)
            return EVP_DigestUpdate(m_md.get(), p, data.size()) == 1;
        return EVP_MAC_update(m_mac.get(), p, data.size()) == 1;
    }

    std::optional<std::string> digest() const
    {
        unsigned char out[EVP_MAX_MD_SIZE];
        if (m_md) {
            std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> copy(EVP_MD_CTX_new());
            unsigned int len = 0;
            if (!copy || EVP_MD_CTX_copy_ex(copy.get(), m_md.get()) != 1 ||
                EVP_DigestFinal_ex(copy.get(), out, &len) != 1)
                return std::nullopt;
            return std::string(reinterpret_cast<char *>(out), len);
        }
        std::unique_ptr<EVP_MAC_CTX, MacCtxDeleter> copy(EVP_MAC_CTX_dup(m_mac.get()));
        size_t len = 0;
        if (!copy || EVP_MAC_final(copy.get(), out, &len, sizeof out) != 1)
            return std::nullopt;
        return std::string(reinterpret_cast<char *>(out), len);
    }

private:
    std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> m_md;
    std::unique_ptr<EVP_MAC_CTX, MacCtxDeleter> m_mac;
};

void hasherUpdate(const FunctionCallbackInfo<Value> &args);
void hasherDigest(const FunctionCallbackInfo<Value> &args);

// The class of the objects createHash()/createHMAC() return, with update() and digest().
Local<v8::FunctionTemplate> hasherClass(v8::Isolate *isolate)
{
    return handleClass(isolate, "crypto_Hasher", [](v8::Isolate *iso, Local<v8::FunctionTemplate> tmpl) {
        tmpl->SetClassName(str(iso, "Hasher"));
        auto proto = tmpl->PrototypeTemplate();
        proto->Set(iso, "update", v8::FunctionTemplate::New(iso, hasherUpdate));
        proto->Set(iso, "digest", v8::FunctionTemplate::New(iso, hasherDigest));
    });
}

// Converts a digest to k6's output encodings; throws and returns false for others.
bool encodeOutput(v8::Isolate *isolate, const FunctionCallbackInfo<Value> &args, const std::string &bytes,
                  Local<Value> encodingValue)
{
    const std::string enc = encodingValue->IsUndefined() ? std::string() : toStd(isolate, encodingValue);
    if (enc == "hex")
        args.GetReturnValue().Set(str(isolate, base64::hex(bytes)));
    else if (enc == "base64")
        args.GetReturnValue().Set(str(isolate, base64::encode(bytes, {false, true})));
    else if (enc == "base64url")
        args.GetReturnValue().Set(str(isolate, base64::encode(bytes, {true, true})));
    else if (enc == "base64rawurl")
        args.GetReturnValue().Set(str(isolate, base64::encode(bytes, {true, false})));
    else if (enc == "binary")
        args.GetReturnValue().Set(newArrayBuffer(isolate, bytes));
    else {
        throwError(isolate, "invalid output encoding \"" + enc +
                                "\": use \"hex\", \"base64\", \"base64url\", \"base64rawurl\" or \"binary\"",
                   true);
        return false;
    }
    return true;
}

bool inputBytes(v8::Isolate *isolate, Local<Value> value, const char *what, std::string &out)
{
    if (!value.IsEmpty() && bytesOf(isolate, value, out))
        return true;
    throwError(isolate, std::string(what) + " must be a string or an ArrayBuffer", true);
    return false;
}

const EVP_MD *digestArg(v8::Isolate *isolate, Local<Value> value)
{
    std::string error;
    const EVP_MD *md = Digests::instance().get(value->IsString() ? toStd(isolate, value) : "<" + toStd(isolate, value) + ">", error);
    if (!md)
        throwError(isolate, error);
    return md;
}

Local<Value> arg(const FunctionCallbackInfo<Value> &args, int i)
{
    return i < args.Length() ? args[i] : Local<Value>(v8::Undefined(args.GetIsolate()));
}

// crypto_hash(algorithm, input, outputEncoding)
void hash(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    const EVP_MD *md = digestArg(isolate, arg(args, 0));
    if (!md)
        return;
    std::string input;
    if (!inputBytes(isolate, arg(args, 1), "the input", input))
        return;
    std::string error;
    auto h = Hasher::create(md, nullptr, error);
    std::optional<std::string> sum;
    if (!h || !h->update(input) || !(sum = h->digest())) {
        throwError(isolate, error.empty() ? "hashing failed" : error);
        return;
    }
    encodeOutput(isolate, args, *sum, arg(args, 2));
}

// crypto_hmac(algorithm, secret, input, outputEncoding)
void hmac(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    const EVP_MD *md = digestArg(isolate, arg(args, 0));
    if (!md)
        return;
    std::string key, input;
    if (!inputBytes(isolate, arg(args, 1), "the HMAC secret", key) ||
        !inputBytes(isolate, arg(args, 2), "the input", input))
        return;
    std::string error;
    auto h = Hasher::create(md, &key, error);
    std::optional<std::string> sum;
    if (!h || !h->update(input) || !(sum = h->digest())) {
        throwError(isolate, error.empty() ? "HMAC failed" : error);
        return;
    }
    encodeOutput(isolate, args, *sum, arg(args, 3));
}

void makeHasher(const FunctionCallbackInfo<Value> &args, bool isHmac)
{
    v8::Isolate *isolate = args.GetIsolate();
    if (isHmac && args.Length() < 2) {
        throwError(isolate, "createHMAC() needs an algorithm and a secret", true);
        return;
    }
    const EVP_MD *md = digestArg(isolate, arg(args, 0));
    if (!md)
        return;
    std::string key;
    if (isHmac && !inputBytes(isolate, args[1], "the HMAC secret", key))
        return;
    std::string error;
    auto h = Hasher::create(md, isHmac ? &key : nullptr, error);
    if (!h) {
        throwError(isolate, error);
        return;
    }
    Local<v8::Object> obj;
    if (wrapOwned(isolate, isolate->GetCurrentContext(), hasherClass(isolate), std::move(h), 512).ToLocal(&obj))
        args.GetReturnValue().Set(obj);
}

// crypto_createHash(algorithm)
void createHash(const FunctionCallbackInfo<Value> &args)
{
    makeHasher(args, false);
}

// crypto_createHMAC(algorithm, secret)
void createHMAC(const FunctionCallbackInfo<Value> &args)
{
    makeHasher(args, true);
}

Hasher *thisHasher(const FunctionCallbackInfo<Value> &args, const char *method)
{
    v8::Isolate *isolate = args.GetIsolate();
    auto *h = unwrapOwned<Hasher>(hasherClass(isolate), args.This());
    if (!h)
        throwError(isolate, std::string("Hasher.") + method + "() called on an object that is not a Hasher", true);
    return h;
}

// hasher.update(input)
void hasherUpdate(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    Hasher *h = thisHasher(args, "update");
    if (!h)
        return;
    std::string input;
    if (!inputBytes(isolate, arg(args, 0), "the input", input))
        return;
    if (!h->update(input))
        throwError(isolate, "hash update failed");
}

// hasher.digest(outputEncoding)
void hasherDigest(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    Hasher *h = thisHasher(args, "digest");
    if (!h)
        return;
    auto sum = h->digest();
    if (!sum) {
        throwError(isolate, "hash digest failed");
        return;
    }
    encodeOutput(isolate, args, *sum, arg(args, 0));
}

// crypto_randomBytes(size) -> ArrayBuffer
void randomBytes(const FunctionCallbackInfo<Value> &args)
{
    v8::Isolate *isolate = args.GetIsolate();
    Local<Value> v = arg(args, 0);
    const double n = v->IsNumber() ? v.As<v8::Number>()->Value() : -1;
    if (!(n >= 0) || n != double(int64_t(n)) || n > 64.0 * 1024 * 1024) {
        throwError(isolate, "randomBytes() needs a whole number of bytes between 0 and 67108864, got " +
                                toStd(isolate, v), true);
        return;
    }
    std::string bytes(size_t(n), '\0');
    if (!bytes.empty() &&
        RAND_bytes(reinterpret_cast<unsigned char *>(bytes.data()), int(bytes.size())) != 1) {
        throwError(isolate, "randomBytes(): the OpenSSL random generator failed");
        return;
    }
    args.GetReturnValue().Set(newArrayBuffer(isolate, bytes));
}

} // namespace

void initCryptoNative(v8::Isolate *isolate, Local<v8::Context> ctx, Local<v8::Object> exports)
{
    setFunction(isolate, ctx, exports, "crypto_hash", hash);
    setFunction(isolate, ctx, exports, "crypto_hmac", hmac);
    setFunction(isolate, ctx, exports, "crypto_createHash", createHash);
    setFunction(isolate, ctx, exports, "crypto_createHMAC", createHMAC);
    setFunction(isolate, ctx, exports, "crypto_randomBytes", randomBytes);
}

} // namespace stampede::script

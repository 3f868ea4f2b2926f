// k6's HTTP-related options -> ClientOptions.

#include "core/http/httpclient.h"

#include "core/util/duration.h"

#include <nlohmann/json.hpp>

namespace stampede::http {

namespace {

using json = nlohmann::json;

Error bad(const std::string &option, const std::string &why)
{
    return Error{"invalid option \"" + option + "\": " + why};
}

const char *const kTlsVersions[] = {"ssl3.0", "tls1.0", "tls1.1", "tls1.2", "tls1.3"};

bool knownTlsVersion(const std::string &v)
{
    return std::any_of(std::begin(kTlsVersions), std::end(kTlsVersions), [&](const char *k) { return v == k; });
}

Status parseDns(ClientOptions &o, const json &v)
{
    json d = v;
    if (v.is_string()) {
        // CLI/env form: "ttl=1m,select=first,policy=preferIPv4"
        d = json::object();
        const std::string s = v.get<std::string>();
        size_t pos = 0;
        while (pos < s.size()) {
            const size_t comma = s.find(',', pos);
            const std::string part = s.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
            const size_t eq = part.find('=');
            if (eq == std::string::npos)
                return bad("dns", "expected key=value pairs such as ttl=1m,select=first,policy=any");
            d[part.substr(0, eq)] = part.substr(eq + 1);
            if (comma == std::string::npos)
                break;
            pos = comma + 1;
        }
    }
    if (!d.is_object())
        return bad("dns", "expected {ttl, select, policy}");
    o.dnsCustom = true;
    if (d.contains("ttl") && !d["ttl"].is_null()) {
        const json &t = d["ttl"];
        if (t.is_string() && t.get<std::string>() == "inf") {
            o.dnsTtlSeconds = -1;
        } else if (t.is_number()) {
            o.dnsTtlSeconds = long(t.get<double>() / 1000.0); // milliseconds, as k6 reads numbers
        } else if (t.is_string()) {
            auto dur = parseDuration(t.get<std::string>());
            if (!dur)
                return bad("dns.ttl", dur.error().message);
            o.dnsTtlSeconds = long(std::chrono::duration_cast<std::chrono::seconds>(*dur).count());
        } else {
            return bad("dns.ttl", "expected a duration such as \"5m\", \"0\" or \"inf\"");
        }
    }
    if (d.contains("select") && !d["select"].is_null()) {
        const std::string s = d["select"].is_string() ? d["select"].get<std::string>() : std::string();
        if (s != "first" && s != "random" && s != "roundRobin")
            return bad("dns.select", "must be first, random or roundRobin");
        o.dnsSelect = s;
    }
    if (d.contains("policy") && !d["policy"].is_null()) {
        const std::string p = d["policy"].is_string() ? d["policy"].get<std::string>() : std::string();
        if (p != "preferIPv4" && p != "preferIPv6" && p != "onlyIPv4" && p != "onlyIPv6" && p != "any")
            return bad("dns.policy", "must be preferIPv4, preferIPv6, onlyIPv4, onlyIPv6 or any");
        o.dnsPolicy = p;
    }
    return {};
}

} // namespace

Status applyK6Options(ClientOptions &o, const std::string &text)
{
    json j;
    try {
        j = json::parse(text);
    } catch (const std::exception &e) {
        return Error{std::string("invalid options: ") + e.what()};
    }
    if (!j.is_object())
        return {};
    auto boolean = [&](const char *k, bool &out) -> Status {
        if (!j.contains(k) || j[k].is_null())
            return {};
        if (!j[k].is_boolean())
            return bad(k, "expected true or false, got " + j[k].dump());
        out = j[k].get<bool>();
        return {};
    };
    auto integer = [&](const char *k, int &out, int min) -> Status {
        if (!j.contains(k) || j[k].is_null())
            return {};
        if (!j[k].is_number())
            return bad(k, "expected a whole number, got " + j[k].dump());
        const double v = j[k].get<double>();
        if (v < min || v != double(int64_t(v)))
            return bad(k, "expected a whole number of at least " + std::to_string(min) + ", got " + j[k].dump());
        out = int(v);
        return {};
    };
    for (auto [k, ref] : {std::pair<const char *, bool *>{"insecureSkipTLSVerify", &o.insecureSkipTlsVerify},
                          {"noConnectionReuse", &o.noConnectionReuse},
                          {"noVUConnectionReuse", &o.noVuConnectionReuse},
                          {"noCookiesReset", &o.noCookiesReset},
                          {"discardResponseBodies", &o.discardResponseBodies},
                          {"h2c", &o.h2c}}) {
        if (Status s = boolean(k, *ref); !s)
            return s;
    }
    if (Status s = integer("maxRedirects", o.maxRedirects, 0); !s)
        return s;
    if (Status s = integer("batch", o.batch, 1); !s)
        return s;
    if (Status s = integer("batchPerHost", o.batchPerHost, 0); !s)
        return s;
    if (o.batchPerHost == 0)
        o.batchPerHost = o.batch; // k6: 0 = no per-host limit
    if (j.contains("userAgent") && j["userAgent"].is_string())
        o.userAgent = j["userAgent"].get<std::string>();
    if (j.contains("httpDebug") && !j["httpDebug"].is_null()) {
        const json &v = j["httpDebug"];
        const std::string s = v.is_string() ? v.get<std::string>() : (v.is_boolean() && v.get<bool>() ? "headers" : "");
        if (s == "full")
            o.httpDebug = 2;
        else if (s == "headers" || s == "true" || s == "1")
            o.httpDebug = 1;
        else if (s.empty() || s == "false" || s == "0")
            o.httpDebug = 0;
        else
            return bad("httpDebug", "must be \"headers\" or \"full\"");
    }
    if (j.contains("tlsVersion") && !j["tlsVersion"].is_null()) {
        const json &v = j["tlsVersion"];
        if (v.is_string()) {
            o.tlsMin = o.tlsMax = v.get<std::string>();
        } else if (v.is_object()) {
            o.tlsMin = v.value("min", std::string());
            o.tlsMax = v.value("max", std::string());
        } else {
            return bad("tlsVersion", "expected \"tls1.2\" or {min, max}");
        }
        for (const std::string *s : {&o.tlsMin, &o.tlsMax}) {
            if (!s->empty() && !knownTlsVersion(*s))
                return bad("tlsVersion", "unknown version \"" + *s + "\" (ssl3.0, tls1.0, tls1.1, tls1.2, tls1.3)");
        }
    }
    if (j.contains("tlsCipherSuites") && !j["tlsCipherSuites"].is_null()) {
        if (!j["tlsCipherSuites"].is_array())
            return bad("tlsCipherSuites", "expected an array of cipher suite names");
        for (const json &s : j["tlsCipherSuites"]) {
            if (!s.is_string())
                return bad("tlsCipherSuites", "expected names, got " + s.dump());
            const std::string name = s.get<std::string>();
            if (name.rfind("TLS_", 0) != 0)
                return bad("tlsCipherSuites", "unknown cipher suite \"" + name + "\"");
            o.cipherSuites.push_back(name);
        }
    }
    if (j.contains("tlsAuth") && !j["tlsAuth"].is_null()) {
        if (!j["tlsAuth"].is_array())
            return bad("tlsAuth", "expected an array of {domains, cert, key}");
        for (const json &a : j["tlsAuth"]) {
            if (!a.is_object() || !a.contains("cert") || !a.contains("key"))
                return bad("tlsAuth", "each entry needs cert and key (PEM text)");
            TlsClientCert c;
            c.certPem = a["cert"].is_string() ? a["cert"].get<std::string>() : std::string();
            c.keyPem = a["key"].is_string() ? a["key"].get<std::string>() : std::string();
            c.password = a.value("password", std::string());
            if (a.contains("domains") && a["domains"].is_array()) {
                for (const json &d : a["domains"])
                    if (d.is_string())
                        c.domains.push_back(d.get<std::string>());
            }
            o.tlsAuth.push_back(std::move(c));
        }
    }
    if (j.contains("hosts") && !j["hosts"].is_null()) {
        if (!j["hosts"].is_object())
            return bad("hosts", "expected an object of name -> address");
        for (auto it = j["hosts"].begin(); it != j["hosts"].end(); ++it) {
            if (it.value().is_string())
                o.hosts[it.key()] = it.value().get<std::string>();
            else if (it.value().is_array() && !it.value().empty() && it.value()[0].is_string())
                o.hosts[it.key()] = it.value()[0].get<std::string>();
            else
                return bad("hosts", "the address of \"" + it.key() + "\" must be a string");
        }
    }
    if (j.contains("dns") && !j["dns"].is_null()) {
        if (Status s = parseDns(o, j["dns"]); !s)
            return s;
    }
    return {};
}

} // namespace stampede::http

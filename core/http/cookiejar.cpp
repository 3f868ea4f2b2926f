#include "core/http/cookiejar.h"

#include <curl/curl.h>

#include <algorithm>
#include <ctime>

namespace stampede::http {

namespace {

std::string lower(std::string_view s)
{
    std::string out(s);
    for (char &c : out)
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
    return out;
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
        s.remove_suffix(1);
    return s;
}

bool isIp(std::string_view host)
{
    if (host.find(':') != std::string_view::npos)
        return true;
    return !host.empty() && std::all_of(host.begin(), host.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

bool domainMatch(const Cookie &c, const std::string &host)
{
    if (c.hostOnly)
        return host == c.domain;
    if (host == c.domain)
        return true;
    return host.size() > c.domain.size() && host.compare(host.size() - c.domain.size(), c.domain.size(), c.domain) == 0
           && host[host.size() - c.domain.size() - 1] == '.' && !isIp(host);
}

bool pathMatch(const std::string &cookiePath, const std::string &path)
{
    if (path == cookiePath)
        return true;
    if (path.compare(0, cookiePath.size(), cookiePath) != 0)
        return false;
    return cookiePath.back() == '/' || (path.size() > cookiePath.size() && path[cookiePath.size()] == '/');
}

std::string defaultPath(const std::string &path)
{
    if (path.empty() || path[0] != '/')
        return "/";
    const size_t slash = path.rfind('/');
    return slash == 0 ? "/" : path.substr(0, slash);
}

int64_t nowUnix()
{
    return int64_t(std::time(nullptr));
}

bool expired(const Cookie &c, int64_t now)
{
    return c.expiresUnix != 0 && c.expiresUnix <= now;
}

} // namespace

UrlParts parseUrl(std::string_view url)
{
    UrlParts u;
    const size_t schemeEnd = url.find("://");
    if (schemeEnd == std::string_view::npos)
        return u;
    u.scheme = lower(url.substr(0, schemeEnd));
    std::string_view rest = url.substr(schemeEnd + 3);
    const size_t authEnd = rest.find_first_of("/?#");
    std::string_view auth = rest.substr(0, authEnd);
    std::string_view path = authEnd == std::string_view::npos ? std::string_view() : rest.substr(authEnd);
    if (const size_t at = auth.rfind('@'); at != std::string_view::npos)
        auth.remove_prefix(at + 1);
    std::string_view host = auth;
    std::string_view port;
    if (!auth.empty() && auth.front() == '[') {
        const size_t close = auth.find(']');
        if (close == std::string_view::npos)
            return u;
        host = auth.substr(1, close - 1);
        if (close + 1 < auth.size() && auth[close + 1] == ':')
            port = auth.substr(close + 2);
    } else if (const size_t colon = auth.rfind(':'); colon != std::string_view::npos) {
        host = auth.substr(0, colon);
        port = auth.substr(colon + 1);
    }
    u.host = lower(host);
    if (!port.empty()) {
        u.port = 0;
        for (char c : port) {
            if (c < '0' || c > '9')
                return u;
            u.port = u.port * 10 + (c - '0');
        }
    } else {
        u.port = (u.scheme == "https" || u.scheme == "wss") ? 443 : 80;
    }
    const size_t q = path.find_first_of("?#");
    u.path = std::string(q == std::string_view::npos ? path : path.substr(0, q));
    if (u.path.empty())
        u.path = "/";
    u.valid = !u.host.empty();
    return u;
}

bool CookieJar::parseSetCookie(std::string_view header, Cookie &c)
{
    size_t semi = header.find(';');
    std::string_view pair = trim(header.substr(0, semi));
    const size_t eq = pair.find('=');
    if (eq == std::string_view::npos || eq == 0)
        return false;
    c.name = std::string(trim(pair.substr(0, eq)));
    std::string_view value = trim(pair.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
        value = value.substr(1, value.size() - 2);
    c.value = std::string(value);
    c.domain.clear();
    c.path.clear();
    bool haveMaxAge = false;
    while (semi != std::string_view::npos) {
        header.remove_prefix(semi + 1);
        semi = header.find(';');
        std::string_view attr = trim(header.substr(0, semi));
        const size_t aeq = attr.find('=');
        const std::string key = lower(trim(attr.substr(0, aeq)));
        const std::string_view val = aeq == std::string_view::npos ? std::string_view() : trim(attr.substr(aeq + 1));
        if (key == "domain") {
            std::string d = lower(val);
            while (!d.empty() && d.front() == '.')
                d.erase(0, 1);
            c.domain = d;
        } else if (key == "path") {
            c.path = std::string(val);
        } else if (key == "secure") {
            c.secure = true;
        } else if (key == "httponly") {
            c.httpOnly = true;
        } else if (key == "max-age") {
            try {
                c.maxAge = std::stoll(std::string(val));
                haveMaxAge = true;
                c.expiresUnix = c.maxAge <= 0 ? 1 : nowUnix() + c.maxAge;
            } catch (const std::exception &) {
            }
        } else if (key == "expires") {
            c.expiresText = std::string(val);
            if (!haveMaxAge) {
                const time_t t = curl_getdate(c.expiresText.c_str(), nullptr);
                if (t > 0)
                    c.expiresUnix = int64_t(t);
                else if (t == 0)
                    c.expiresUnix = 1;
            }
        }
    }
    return true;
}

bool CookieJar::setFromHeader(const UrlParts &url, std::string_view header)
{
    Cookie c;
    if (!url.valid || !parseSetCookie(header, c))
        return false;
    return set(url, std::move(c));
}

bool CookieJar::set(const UrlParts &url, Cookie c)
{
    if (!url.valid)
        return false;
    if (c.domain.empty()) {
        c.domain = url.host;
        c.hostOnly = true;
    } else {
        while (!c.domain.empty() && c.domain.front() == '.')
            c.domain.erase(0, 1);
        c.domain = lower(c.domain);
        // The domain must domain-match the request host (no cookies for unrelated sites).
        Cookie probe;
        probe.domain = c.domain;
        probe.hostOnly = false;
        if (!domainMatch(probe, url.host))
            return false;
        c.hostOnly = c.domain == url.host && isIp(url.host);
    }
    if (c.path.empty() || c.path[0] != '/')
        c.path = defaultPath(url.path);
    auto same = std::find_if(m_cookies.begin(), m_cookies.end(), [&](const Cookie &o) {
        return o.name == c.name && o.domain == c.domain && o.path == c.path;
    });
    const bool remove = expired(c, nowUnix());
    if (same != m_cookies.end()) {
        if (remove) {
            m_cookies.erase(same);
            return true;
        }
        c.created = same->created;
        *same = std::move(c);
        return true;
    }
    if (remove)
        return true;
    c.created = ++m_counter;
    m_cookies.push_back(std::move(c));
    return true;
}

std::vector<const Cookie *> CookieJar::cookiesFor(const UrlParts &url) const
{
    std::vector<const Cookie *> out;
    if (!url.valid)
        return out;
    const int64_t now = m_cookies.empty() ? 0 : nowUnix();
    const bool secureScheme = url.scheme == "https" || url.scheme == "wss";
    for (const Cookie &c : m_cookies) {
        if (expired(c, now) || (c.secure && !secureScheme) || !domainMatch(c, url.host) || !pathMatch(c.path, url.path))
            continue;
        out.push_back(&c);
    }
    std::stable_sort(out.begin(), out.end(), [](const Cookie *a, const Cookie *b) {
        if (a->path.size() != b->path.size())
            return a->path.size() > b->path.size();
        return a->created < b->created;
    });
    return out;
}

std::string CookieJar::headerFor(const UrlParts &url) const
{
    std::string h;
    for (const Cookie *c : cookiesFor(url)) {
        if (!h.empty())
            h += "; ";
        h += c->name;
        h += '=';
        h += c->value;
    }
    return h;
}

void CookieJar::remove(const UrlParts &url, std::string_view name)
{
    const auto matches = cookiesFor(url);
    std::vector<Cookie> kept;
    kept.reserve(m_cookies.size());
    for (Cookie &c : m_cookies) {
        const bool hit = c.name == name && std::find(matches.begin(), matches.end(), &c) != matches.end();
        if (!hit)
            kept.push_back(std::move(c));
    }
    m_cookies = std::move(kept);
}

void CookieJar::clear(const UrlParts &url)
{
    const auto matches = cookiesFor(url);
    std::vector<Cookie> kept;
    kept.reserve(m_cookies.size());
    for (Cookie &c : m_cookies) {
        if (std::find(matches.begin(), matches.end(), &c) == matches.end())
            kept.push_back(std::move(c));
    }
    m_cookies = std::move(kept);
}

void CookieJar::clearAll()
{
    m_cookies.clear();
}

} // namespace stampede::http

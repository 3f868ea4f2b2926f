#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace stampede::http {

struct Cookie
{
    std::string name;
    std::string value;
    std::string domain;   // lower case, no leading dot
    std::string path = "/";
    bool hostOnly = true; // no Domain attribute: only the exact host
    bool secure = false;
    bool httpOnly = false;
    int64_t expiresUnix = 0; // 0 = session cookie
    int64_t maxAge = 0;      // as given (for res.cookies)
    std::string expiresText; // as given (for res.cookies)
    uint64_t created = 0;    // insertion order, for RFC 6265 ordering
};

// The parts of a URL the jar needs.
struct UrlParts
{
    std::string scheme; // lower case
    std::string host;   // lower case, no brackets, no port
    int port = 0;
    std::string path = "/"; // without the query
    bool valid = false;
};
UrlParts parseUrl(std::string_view url);

// An RFC 6265 cookie jar, as k6's (Go's net/http/cookiejar) behaves for scripts. Not thread-safe.
class CookieJar
{
public:
    // Parses one Set-Cookie header value received from `url`. Returns false if rejected.
    bool setFromHeader(const UrlParts &url, std::string_view setCookie);
    // Parses a Set-Cookie value without storing it (for res.cookies).
    static bool parseSetCookie(std::string_view setCookie, Cookie &out);
    // k6's jar.set(url, name, value, {domain, path, expires, max_age, secure, http_only}).
    bool set(const UrlParts &url, Cookie cookie);

    // Cookies to send to `url`, longest path first, then oldest first.
    std::vector<const Cookie *> cookiesFor(const UrlParts &url) const;
    // The "Cookie" header value for `url` ("" if none).
    std::string headerFor(const UrlParts &url) const;

    // Removes the cookie `name` that would be sent to `url`.
    void remove(const UrlParts &url, std::string_view name);
    // Removes all cookies that would be sent to `url`.
    void clear(const UrlParts &url);
    void clearAll();
    bool empty() const { return m_cookies.empty(); }

private:
    std::vector<Cookie> m_cookies;
    uint64_t m_counter = 0;
};

} // namespace stampede::http

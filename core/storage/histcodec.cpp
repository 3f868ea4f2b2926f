#include "core/storage/histcodec.h"

#include <cstring>

namespace stampede::storage {

namespace {

constexpr uint8_t kFormat = 1;

void putVarint(std::vector<uint8_t> &out, uint64_t v)
{
    while (v >= 0x80) {
        out.push_back(uint8_t(v) | 0x80);
        v >>= 7;
    }
    out.push_back(uint8_t(v));
}

void putDouble(std::vector<uint8_t> &out, double d)
{
    uint64_t bits = 0;
    std::memcpy(&bits, &d, sizeof bits);
    for (int i = 0; i < 8; ++i)
        out.push_back(uint8_t(bits >> (8 * i)));
}

struct Reader
{
    const std::vector<uint8_t> &in;
    size_t pos = 0;
    bool ok = true;

    uint64_t varint()
    {
        uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= in.size()) {
                ok = false;
                return 0;
            }
            const uint8_t b = in[pos++];
            v |= uint64_t(b & 0x7f) << shift;
            if (!(b & 0x80))
                return v;
        }
        ok = false;
        return 0;
    }
    double dbl()
    {
        if (pos + 8 > in.size()) {
            ok = false;
            return 0;
        }
        uint64_t bits = 0;
        for (int i = 0; i < 8; ++i)
            bits |= uint64_t(in[pos + size_t(i)]) << (8 * i);
        pos += 8;
        double d = 0;
        std::memcpy(&d, &bits, sizeof d);
        return d;
    }
};

uint64_t zigzag(int64_t v)
{
    return (uint64_t(v) << 1) ^ uint64_t(v >> 63);
}

int64_t unzigzag(uint64_t v)
{
    return int64_t(v >> 1) ^ -int64_t(v & 1);
}

} // namespace

std::vector<uint8_t> encodeHistogram(const metrics::Histogram &h)
{
    std::vector<uint8_t> out;
    out.push_back(kFormat);
    putVarint(out, h.count());
    if (h.count() == 0)
        return out;
    putDouble(out, h.sum());
    putDouble(out, h.min());
    putDouble(out, h.max());
    const auto buckets = h.buckets();
    putVarint(out, buckets.size());
    int64_t prev = 0;
    bool prevNegative = false;
    for (const auto &b : buckets) {
        if (b.negative != prevNegative)
            prev = 0;
        prevNegative = b.negative;
        putVarint(out, b.negative ? 1 : 0);
        putVarint(out, zigzag(int64_t(b.index) - prev));
        putVarint(out, b.count);
        prev = b.index;
    }
    return out;
}

Result<metrics::Histogram> decodeHistogram(const std::vector<uint8_t> &blob)
{
    metrics::Histogram h;
    if (blob.empty())
        return h;
    if (blob[0] != kFormat)
        return Error{"unknown histogram format " + std::to_string(int(blob[0]))};
    Reader r{blob, 1};
    const uint64_t count = r.varint();
    if (!r.ok)
        return Error{"truncated histogram"};
    if (count == 0)
        return h;
    const double sum = r.dbl(), mn = r.dbl(), mx = r.dbl();
    const uint64_t n = r.varint();
    int64_t prev = 0;
    bool prevNegative = false;
    uint64_t inBuckets = 0;
    for (uint64_t i = 0; i < n && r.ok; ++i) {
        const bool negative = r.varint() != 0;
        if (negative != prevNegative)
            prev = 0;
        prevNegative = negative;
        const int64_t index = prev + unzigzag(r.varint());
        const uint64_t c = r.varint();
        prev = index;
        inBuckets += c;
        h.addBucket({negative, int32_t(index), c});
    }
    if (!r.ok || r.pos != blob.size() || inBuckets > count)
        return Error{"corrupt histogram"};
    h.setExtremes(mn, mx, sum, count);
    return h;
}

} // namespace stampede::storage

#include "core/http/compression.h"

#include <brotli/decode.h>
#include <brotli/encode.h>
#include <zlib.h>
#include <zstd.h>

#include <sstream>

namespace stampede::http {

namespace {

// windowBits: 15 + 16 = gzip wrapper, 15 = zlib (HTTP's "deflate").
Result<std::string> zlibDeflate(const std::string &in, int windowBits)
{
    z_stream zs{};
    if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return Error{"cannot start zlib compression"};
    std::string out(deflateBound(&zs, uLong(in.size())), '\0');
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.data()));
    zs.avail_in = uInt(in.size());
    zs.next_out = reinterpret_cast<Bytef *>(out.data());
    zs.avail_out = uInt(out.size());
    const int rc = deflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    if (rc != Z_STREAM_END)
        return Error{"zlib compression failed"};
    return out;
}

Result<std::string> zlibInflate(const std::string &in, int windowBits)
{
    z_stream zs{};
    if (inflateInit2(&zs, windowBits) != Z_OK)
        return Error{"cannot start zlib decompression"};
    std::string out;
    char buf[16384];
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.data()));
    zs.avail_in = uInt(in.size());
    int rc = Z_OK;
    while (rc == Z_OK) {
        zs.next_out = reinterpret_cast<Bytef *>(buf);
        zs.avail_out = sizeof buf;
        rc = inflate(&zs, Z_NO_FLUSH);
        out.append(buf, sizeof buf - zs.avail_out);
    }
    inflateEnd(&zs);
    if (rc != Z_STREAM_END)
        return Error{"invalid compressed data"};
    return out;
}

} // namespace

Result<std::string> compressBody(std::string &body, const std::string &algorithms)
{
    std::stringstream ss(algorithms);
    std::string algo, encoding;
    while (std::getline(ss, algo, ',')) {
        algo.erase(0, algo.find_first_not_of(' '));
        algo.erase(algo.find_last_not_of(' ') + 1);
        if (algo.empty())
            continue;
        Result<std::string> out = Error{""};
        if (algo == "gzip") {
            out = zlibDeflate(body, 15 + 16);
        } else if (algo == "deflate") {
            out = zlibDeflate(body, 15);
        } else if (algo == "br") {
            size_t size = BrotliEncoderMaxCompressedSize(body.size());
            std::string buf(size ? size : 64, '\0');
            size = buf.size();
            if (!BrotliEncoderCompress(BROTLI_DEFAULT_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC, body.size(),
                                       reinterpret_cast<const uint8_t *>(body.data()), &size,
                                       reinterpret_cast<uint8_t *>(buf.data())))
                return Error{"brotli compression failed"};
            buf.resize(size);
            out = buf;
        } else if (algo == "zstd") {
            std::string buf(ZSTD_compressBound(body.size()), '\0');
            const size_t n = ZSTD_compress(buf.data(), buf.size(), body.data(), body.size(), 3);
            if (ZSTD_isError(n))
                return Error{std::string("zstd compression failed: ") + ZSTD_getErrorName(n)};
            buf.resize(n);
            out = buf;
        } else {
            return Error{"unknown compression \"" + algo + "\" (gzip, deflate, br or zstd)"};
        }
        if (!out)
            return out.error();
        body = std::move(*out);
        if (!encoding.empty())
            encoding += ", ";
        encoding += algo;
    }
    return encoding;
}

Result<std::string> decompress(const std::string &data, const std::string &algorithm)
{
    if (algorithm == "gzip")
        return zlibInflate(data, 15 + 16);
    if (algorithm == "deflate")
        return zlibInflate(data, 15);
    if (algorithm == "br") {
        std::string out;
        BrotliDecoderState *st = BrotliDecoderCreateInstance(nullptr, nullptr, nullptr);
        size_t availIn = data.size();
        const uint8_t *next = reinterpret_cast<const uint8_t *>(data.data());
        BrotliDecoderResult rc = BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT;
        while (rc == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT) {
            uint8_t buf[16384];
            size_t availOut = sizeof buf;
            uint8_t *outPtr = buf;
            rc = BrotliDecoderDecompressStream(st, &availIn, &next, &availOut, &outPtr, nullptr);
            out.append(reinterpret_cast<char *>(buf), sizeof buf - availOut);
        }
        BrotliDecoderDestroyInstance(st);
        if (rc != BROTLI_DECODER_RESULT_SUCCESS)
            return Error{"invalid brotli data"};
        return out;
    }
    if (algorithm == "zstd") {
        const unsigned long long size = ZSTD_getFrameContentSize(data.data(), data.size());
        if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN)
            return Error{"invalid zstd data"};
        std::string out(size, '\0');
        const size_t n = ZSTD_decompress(out.data(), out.size(), data.data(), data.size());
        if (ZSTD_isError(n))
            return Error{"invalid zstd data"};
        out.resize(n);
        return out;
    }
    return Error{"unknown compression \"" + algorithm + "\""};
}

} // namespace stampede::http
